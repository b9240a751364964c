namespace CraftCX.Aggregation;

/// <summary>Stored buckets of one history chunk and the last delta applied to them.</summary>
[GenerateSerializer, Alias("craftcx.history-chunk-state.v1")]
internal sealed class HistoryChunkState
{
    [Id(0)] public long LastSequence { get; set; }

    [Id(1)] public Dictionary<long, AggregateBucket> Buckets { get; set; } = [];

    /// <summary>Applies the deltas not applied yet, in order; false when all of them were.</summary>
    public bool Apply(IEnumerable<HistoryDelta> deltas)
    {
        var changed = false;
        foreach (var delta in deltas.OrderBy(d => d.Sequence))
        {
            if (delta.Sequence <= LastSequence)
            {
                continue;
            }

            foreach (var (index, change) in delta.Buckets)
            {
                if (!Buckets.TryGetValue(index, out var bucket))
                {
                    bucket = new AggregateBucket();
                    Buckets[index] = bucket;
                }

                bucket.Add(change);
                if (bucket.IsZero)
                {
                    Buckets.Remove(index);
                }
            }

            LastSequence = delta.Sequence;
            changed = true;
        }

        return changed;
    }
}
