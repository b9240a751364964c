namespace CraftCX.Silo.Ingestion;

/// <summary>
/// Lock-free latency histogram with about 4% resolution (log-linear buckets from 0.1 ms to ~2 h), cheap enough
/// to record every event; percentiles are read from the bucket edges.
/// </summary>
internal sealed class LatencyHistogram
{
    private const double MinMs = 0.1;
    private const double Growth = 1.04;
    private const int BucketCount = 450;
    private static readonly double LogGrowth = Math.Log(Growth);
    private readonly long[] _buckets = new long[BucketCount];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Record(TimeSpan latency)
    {
        var ms = Math.Max(MinMs, latency.TotalMilliseconds);
        var index = Math.Min(BucketCount - 1, (int)(Math.Log(ms / MinMs) / LogGrowth));
        Interlocked.Increment(ref _buckets[index]);
        Interlocked.Increment(ref _count);
    }

    /// <summary>Upper edge of the bucket holding the p-quantile, in milliseconds; null when empty.</summary>
    public double? PercentileMs(double p)
    {
        var total = Count;
        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(p * total));
        long cumulative = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            cumulative += Interlocked.Read(ref _buckets[i]);
            if (cumulative >= rank)
            {
                return Math.Round(MinMs * Math.Pow(Growth, i + 1), 2);
            }
        }

        return MinMs * Math.Pow(Growth, BucketCount);
    }

    public void Reset()
    {
        for (var i = 0; i < BucketCount; i++)
        {
            Interlocked.Exchange(ref _buckets[i], 0);
        }

        Interlocked.Exchange(ref _count, 0);
    }
}
