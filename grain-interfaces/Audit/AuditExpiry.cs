namespace CraftCX.Audit;

/// <summary>What the audit log's own retention removed: whole sealed segments whose newest entry passed the period.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.audit-expiry.v1")]
public sealed record AuditExpiry(
    [property: Id(0)] int Segments,
    [property: Id(1)] long Entries,
    [property: Id(2)] AuditAnchor? Anchor);
