namespace CraftCX.Aggregation;

/// <summary>
/// Stored state of an agent, workspace or tenant aggregate: time buckets per granularity, and the contributions
/// of the conversations that have not released them yet (so that a newer one replaces them exactly and a retried
/// one is recognised; packed, see <see cref="ContributionPacker"/>). Its size follows the buckets and the conversations in flight, not all conversations seen.
/// </summary>
[GenerateSerializer, Alias("craftcx.aggregate-state.v1")]
internal sealed class AggregateState
{
    /// <summary>Written by builds before releases existed; read once and moved to <see cref="Held"/>.</summary>
    [Id(0)] public Dictionary<string, ScoreContribution> Contributions { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<long, AggregateBucket> FiveMinuteBuckets { get; set; } = [];
    [Id(2)] public Dictionary<long, AggregateBucket> HourBuckets { get; set; } = [];
    [Id(3)] public Dictionary<long, AggregateBucket> DayBuckets { get; set; } = [];
    [Id(4)] public long ContributionsApplied { get; set; }
    [Id(5)] public bool? IsBot { get; set; }
    [Id(6)] public DateTimeOffset LastEvictionAt { get; set; }
    [Id(7)] public Dictionary<string, HeldContribution> Held { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The newest conversations a workspace shows a dashboard that opens it (bounded, released or not).</summary>
    [Id(8)] public List<ScoreContribution> Recent { get; set; } = [];

    /// <summary>History changes stored here first and then sent to their chunks (see <see cref="HistoryOutbox"/>).</summary>
    [Id(9)] public List<HistoryDelta> HistoryOutbox { get; set; } = [];

    /// <summary>The last number given to a history delta.</summary>
    [Id(10)] public long HistorySequence { get; set; }

    /// <summary>The history chunks written to, so that retention and a tenant's deletion can find them.</summary>
    [Id(11)] public List<HistoryChunkId> HistoryChunks { get; set; } = [];
}
