namespace CraftCX.Privacy;

/// <summary>The conversations of one tenant that closed on one day, one shard of them; key: tenant/yyyyMMdd/shard.</summary>
[Alias("craftcx.IRetentionBucketGrain")]
public interface IRetentionBucketGrain : IGrainWithStringKey
{
    /// <summary>
    /// Indexes a conversation that closed on this bucket's day, then tells the tenant's retention grain that the
    /// day has data to sweep; completes once both are done.
    /// </summary>
    [AlwaysInterleave]
    Task AddAsync(string conversation);

    [ReadOnly]
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> ListAsync();

    /// <summary>Drops conversations the sweep is done with; an empty bucket's row is deleted.</summary>
    [AlwaysInterleave]
    Task RemoveAsync(IReadOnlyList<string> conversations);
}
