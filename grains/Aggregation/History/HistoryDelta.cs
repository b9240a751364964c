namespace CraftCX.Aggregation;

/// <summary>
/// Changes to one history chunk's buckets, numbered by the aggregate that made them: a chunk has that one writer,
/// so remembering the last number it applied makes a re-sent delta harmless.
/// </summary>
[GenerateSerializer, Alias("craftcx.history-delta.v1")]
internal sealed class HistoryDelta
{
    [Id(0)] public required HistoryChunkId Chunk { get; init; }

    [Id(1)] public long Sequence { get; set; }

    /// <summary>Signed counts per bucket index: a re-scored conversation leaves one score and takes another.</summary>
    [Id(2)] public Dictionary<long, AggregateBucket> Buckets { get; init; } = [];
}
