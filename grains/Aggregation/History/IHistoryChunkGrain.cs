namespace CraftCX.Aggregation;

/// <summary>One chunk of an aggregate's history; written only by that aggregate. Key: see <see cref="HistoryChunkId.KeyFor"/>.</summary>
[Alias("craftcx.IHistoryChunkGrain")]
internal interface IHistoryChunkGrain : IGrainWithStringKey
{
    /// <summary>Applies the deltas it has not applied yet; completes once stored.</summary>
    Task ApplyAsync(IReadOnlyList<HistoryDelta> deltas);

    [ReadOnly]
    Task<HistoryChunkSnapshot> GetAsync();

    /// <summary>Part of the chunk left retention: buckets before <paramref name="firstKept"/> go from the stored row.</summary>
    Task TrimAsync(long firstKept);

    /// <summary>The chunk left retention, or its tenant is deleted: its stored row goes.</summary>
    Task ForgetAsync();
}
