namespace CraftCX.Audit;

/// <summary>A sealed segment of an audit log: a fixed run of entries that never changes.</summary>
[GenerateSerializer, Alias("craftcx.audit-segment-state.v1")]
internal sealed class AuditSegmentState
{
    [Id(0)] public List<AuditEntry> Entries { get; set; } = [];
}
