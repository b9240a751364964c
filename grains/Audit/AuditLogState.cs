namespace CraftCX.Audit;

/// <summary>The head of a tenant's audit log: the newest entries, and how many full segments were sealed before them.</summary>
[GenerateSerializer, Alias("craftcx.audit-log-state.v1")]
internal sealed class AuditLogState
{
    [Id(0)] public long LastSequence { get; set; }

    /// <summary>Empty until the first entry; that entry chains to the tenant's genesis hash.</summary>
    [Id(1)] public string LastHash { get; set; } = string.Empty;

    [Id(2)] public int SealedSegments { get; set; }

    /// <summary>Entries after the sealed segments, in order.</summary>
    [Id(3)] public List<AuditEntry> Current { get; set; } = [];

    /// <summary>Segments before this one expired (the log's own retention) and are gone.</summary>
    [Id(4)] public int FirstSegment { get; set; }

    /// <summary>The last expired entry, from which the first kept one chains on; null while nothing expired.</summary>
    [Id(5)] public AuditAnchor? Anchor { get; set; }
}
