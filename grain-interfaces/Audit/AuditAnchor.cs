namespace CraftCX.Audit;

/// <summary>
/// Where a log whose oldest entries expired now starts: the sequence and hash of the last entry removed, from
/// which the first kept entry chains on.
/// </summary>
[GenerateSerializer, Immutable, Alias("craftcx.audit-anchor.v1")]
public sealed record AuditAnchor(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Hash);
