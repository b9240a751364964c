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

    /// <summary>Entries from <paramref name="fromSequence"/> on (the first is 1), at most <paramref name="limit"/>.</summary>
    [ReadOnly]
    [AlwaysInterleave]
    Task<IReadOnlyList<AuditEntry>> ReadAsync(long fromSequence, int limit);

    [ReadOnly]
    [AlwaysInterleave]
    Task<AuditVerification> VerifyAsync();
}
