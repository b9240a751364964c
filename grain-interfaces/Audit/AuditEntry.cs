namespace CraftCX.Audit;

/// <summary>One entry of a tenant's audit log; its hash covers the previous entry's hash, so no entry can change unseen.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.audit-entry.v1")]
public sealed record AuditEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] AuditRecord Record,
    [property: Id(3)] string Hash);
