using CraftCX.Aggregation.History;

namespace CraftCX.Aggregation;

/// <summary>Which chunks a history range reads, and how their buckets make the answer (weeks merge seven days).</summary>
internal static class HistoryQuery
{
    public static HistoryGranularity StoredAs(HistoryGranularity granularity) =>
        granularity == HistoryGranularity.Week ? HistoryGranularity.Day : granularity;

    /// <summary>The stored bucket indexes [first, end) the range covers.</summary>
    public static (long First, long End) StoredBuckets(HistoryRange range)
    {
        var stored = StoredAs(range.Granularity);
        return (HistoryCalendar.IndexOf(stored, range.From), HistoryCalendar.IndexOf(stored, range.To));
    }

    public static IReadOnlyList<HistoryChunkId> Chunks(HistoryRange range)
    {
        var stored = StoredAs(range.Granularity);
        var (first, end) = StoredBuckets(range);
        if (end <= first)
        {
            return [];
        }

        var last = HistoryChunkId.Of(stored, end - 1);
        var chunks = new List<HistoryChunkId>();
        for (var chunk = HistoryChunkId.Of(stored, first); chunk.Index <= last.Index; chunk = chunk with { Index = chunk.Index + 1 })
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    /// <summary>
    /// The range from what its chunks store plus the deltas still on their way to them, so an answer is exact as
    /// soon as a contribution is applied.
    /// </summary>
    /// <param name="pending">The outbox's deltas as they were before the chunks were read (a send acknowledged meanwhile is still in it).</param>
    public static HistoryPeriod Build(HistoryRange range, IReadOnlyList<HistoryChunkId> chunks, IReadOnlyList<HistoryChunkSnapshot> snapshots, IReadOnlyList<HistoryDelta> pending) =>
        Build(range, Stored(chunks, snapshots, pending));

    /// <summary>The stored buckets of the chunks, by index, with the deltas they do not have yet added.</summary>
    public static IReadOnlyDictionary<long, AggregateBucket> Stored(IReadOnlyList<HistoryChunkId> chunks, IReadOnlyList<HistoryChunkSnapshot> snapshots, IReadOnlyList<HistoryDelta> pending)
    {
        var buckets = new Dictionary<long, AggregateBucket>();
        for (var i = 0; i < chunks.Count; i++)
        {
            foreach (var (index, bucket) in snapshots[i].Buckets)
            {
                AddTo(buckets, index, bucket);
            }

            foreach (var delta in pending.Where(d => d.Chunk == chunks[i] && d.Sequence > snapshots[i].LastSequence))
            {
                foreach (var (index, bucket) in delta.Buckets)
                {
                    AddTo(buckets, index, bucket);
                }
            }
        }

        return buckets;
    }

    private static void AddTo(Dictionary<long, AggregateBucket> buckets, long index, AggregateBucket bucket)
    {
        if (!buckets.TryGetValue(index, out var merged))
        {
            merged = new AggregateBucket();
            buckets[index] = merged;
        }

        merged.Add(bucket);
    }

    /// <summary>One view per bucket of the range (empty ones too, so a chart has no gaps) and the exact total.</summary>
    public static HistoryPeriod Build(HistoryRange range, IReadOnlyDictionary<long, AggregateBucket> stored)
    {
        var name = HistoryCalendar.Name(range.Granularity);
        var storedAs = StoredAs(range.Granularity);
        var buckets = new List<WindowView>((int)Math.Max(0, range.BucketCount));
        var all = new List<AggregateBucket>();
        for (var index = range.FirstIndex; index < range.EndIndex; index++)
        {
            var start = HistoryCalendar.StartOf(range.Granularity, index);
            var first = HistoryCalendar.IndexOf(storedAs, start);
            var end = HistoryCalendar.IndexOf(storedAs, HistoryCalendar.EndOf(range.Granularity, index));
            var parts = new List<AggregateBucket>();
            for (var i = first; i < end; i++)
            {
                if (stored.TryGetValue(i, out var bucket))
                {
                    parts.Add(bucket);
                }
            }

            all.AddRange(parts);
            buckets.Add(BucketViews.Merge(name, start, parts, includeHistograms: false));
        }

        return new HistoryPeriod(range.From, range.To, buckets, BucketViews.Merge(name, range.From, all, includeHistograms: true));
    }
}
