namespace CraftCX.Audit;

/// <summary>What happened, as its caller reports it; the audit log adds the sequence, the time and the chain.</summary>
/// <param name="Actor">Who: <c>key:{keyId}</c>, <c>operator</c> or <c>system</c>.</param>
/// <param name="Action">What, as a dotted name such as <c>settings.retention.put</c>.</param>
/// <param name="Target">On what: the route's ids, never customer text.</param>
/// <param name="Outcome">The answer's status code, or a short word for system actions.</param>
/// <param name="Detail">Optional figures (counts), never customer text.</param>
[GenerateSerializer, Immutable, Alias("craftcx.audit-record.v1")]
public sealed record AuditRecord(
    [property: Id(0)] string Actor,
    [property: Id(1)] string Action,
    [property: Id(2)] string Target,
    [property: Id(3)] string Outcome,
    [property: Id(4)] string? Detail = null);
