namespace CraftCX.Aggregation;

/// <summary>What a history chunk holds, and the last delta in it (the aggregate adds the ones still on their way).</summary>
[GenerateSerializer, Alias("craftcx.history-chunk-snapshot.v1")]
internal sealed record HistoryChunkSnapshot(
    [property: Id(0)] long LastSequence,
    [property: Id(1)] Dictionary<long, AggregateBucket> Buckets);
