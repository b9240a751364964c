namespace CraftCX.Audit;

/// <summary>A tenant's append-only, hash-chained audit log; key: the tenant id.</summary>
[Alias("craftcx.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Appends an entry; completes once it is stored. Appends interleave and share writes.</summary>
    [AlwaysInterleave]
    Task<AuditEntry> AppendAsync(AuditRecord record);

    /// <summary>The tenant's data is deleted: every entry goes, and the next entry starts a new chain from the genesis.</summary>
    Task ForgetAsync();

    /// <summary>
    /// The log's own retention: removes the sealed segments whose newest entry is older than <paramref name="before"/>
    /// and keeps the last removed entry as the anchor the rest chains on from; records what it removed.
    /// </summary>
    Task<AuditExpiry> ExpireAsync(DateTimeOffset before);

    /// <summary>Where the log now starts; null while nothing expired.</summary>
    [ReadOnly]
    Task<AuditAnchor?> GetAnchorAsync();

    /// <summary>Entries from <paramref name="fromSequence"/> on (the first is 1), at most <paramref name="limit"/>.</summary>
    [ReadOnly]
    [AlwaysInterleave]
    Task<IReadOnlyList<AuditEntry>> ReadAsync(long fromSequence, int limit);

    [ReadOnly]
    [AlwaysInterleave]
    Task<AuditVerification> VerifyAsync();
}
