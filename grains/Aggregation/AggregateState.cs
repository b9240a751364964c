namespace CraftCX.Aggregation;

/// <summary>
/// Stored state of an agent, workspace or tenant aggregate: the newest contribution of each conversation
/// (so that a newer one replaces it exactly and a replayed one is recognised) and time buckets per granularity.
/// </summary>
[GenerateSerializer, Alias("craftcx.aggregate-state.v1")]
internal sealed class AggregateState
{
    [Id(0)] public Dictionary<string, ScoreContribution> Contributions { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<long, AggregateBucket> FiveMinuteBuckets { get; set; } = [];
    [Id(2)] public Dictionary<long, AggregateBucket> HourBuckets { get; set; } = [];
    [Id(3)] public Dictionary<long, AggregateBucket> DayBuckets { get; set; } = [];
    [Id(4)] public long ContributionsApplied { get; set; }
    [Id(5)] public bool? IsBot { get; set; }
    [Id(6)] public DateTimeOffset LastEvictionAt { get; set; }
}
