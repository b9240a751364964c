namespace CraftCX.Audit;

/// <summary>The chain recomputed over every entry: valid, or the first entry whose hash does not follow.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.audit-verification.v1")]
public sealed record AuditVerification(
    [property: Id(0)] long Entries,
    [property: Id(1)] bool Valid,
    [property: Id(2)] long? FirstInvalidSequence);
