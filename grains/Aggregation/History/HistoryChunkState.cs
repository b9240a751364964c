namespace CraftCX.Aggregation;

/// <summary>Stored buckets of one history chunk and the last delta applied to them.</summary>
[GenerateSerializer, Alias("craftcx.history-chunk-state.v1")]
internal sealed class HistoryChunkState
{
    [Id(0)] public long LastSequence { get; set; }

    [Id(1)] public Dictionary<long, AggregateBucket> Buckets { get; set; } = [];

    /// <summary>The first bucket still within retention, once the chunk has been trimmed: older ones never return.</summary>
    [Id(2)] public long? KeptFrom { get; set; }

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
                if (index < KeptFrom)
                {
                    continue;
                }

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

    /// <summary>
    /// Drops the buckets before <paramref name="firstKept"/> and refuses them from then on; false when no bucket was
    /// dropped (then nothing needs storing: a moved limit alone changes no figure).
    /// </summary>
    public bool Trim(long firstKept)
    {
        if (firstKept <= KeptFrom)
        {
            return false;
        }

        KeptFrom = firstKept;
        var dropped = Buckets.Keys.Where(i => i < firstKept).ToArray();
        foreach (var index in dropped)
        {
            Buckets.Remove(index);
        }

        return dropped.Length > 0;
    }
}
