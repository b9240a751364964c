using CraftCX.Aggregation;

namespace CraftCX.Aggregation;

/// <summary>
/// Exact histograms of integer scores 0..100 (101 buckets): adding, removing and merging are exact, and
/// percentiles need no sampling. Percentiles use the nearest-rank definition: the smallest score whose
/// cumulative count reaches ceil(p × n).
/// </summary>
internal static class ScoreHistogram
{
    public const int Buckets = 101;

    public static int[] Create() => new int[Buckets];

    public static void Add(int[] histogram, int score, int delta) => histogram[Math.Clamp(score, 0, 100)] += delta;

    public static void Add(int[] target, int[] source)
    {
        for (var i = 0; i < Buckets; i++)
        {
            target[i] += source[i];
        }
    }

    public static void Merge(long[] target, int[] source)
    {
        for (var i = 0; i < Buckets; i++)
        {
            target[i] += source[i];
        }
    }

    public static long Count(long[] histogram)
    {
        long n = 0;
        foreach (var c in histogram)
        {
            n += c;
        }

        return n;
    }

    public static double? Mean(long[] histogram)
    {
        long n = 0;
        long sum = 0;
        for (var s = 0; s < Buckets; s++)
        {
            n += histogram[s];
            sum += s * histogram[s];
        }

        return n == 0 ? null : Math.Round((double)sum / n, 2);
    }

    /// <summary>Nearest-rank percentile, p in (0, 1].</summary>
    public static int? Percentile(long[] histogram, double p)
    {
        var n = Count(histogram);
        if (n == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(p * n);
        rank = Math.Max(1, rank);
        long cumulative = 0;
        for (var s = 0; s < Buckets; s++)
        {
            cumulative += histogram[s];
            if (cumulative >= rank)
            {
                return s;
            }
        }

        return 100;
    }

    public static ScoreSummary Summarize(long[] histogram, bool includeHistogram) => new(
        Count(histogram),
        Mean(histogram),
        Percentile(histogram, 0.5),
        Percentile(histogram, 0.9),
        includeHistogram ? histogram : null);
}
