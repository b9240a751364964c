namespace CraftCX.Aggregation;

/// <summary>A rolling window made of <see cref="Count"/> buckets of <see cref="Granularity"/> each, ending with the current bucket.</summary>
internal sealed record WindowSpec(string Name, TimeSpan Granularity, int Count)
{
    public long IndexOf(DateTimeOffset at) => (long)Math.Floor(at.ToUnixTimeSeconds() / Granularity.TotalSeconds);

    public long OldestIndex(DateTimeOffset now) => IndexOf(now) - (Count - 1);

    public DateTimeOffset StartOf(long index) => DateTimeOffset.FromUnixTimeSeconds((long)(index * Granularity.TotalSeconds));
}
