using CraftCX.Aggregation;

namespace CraftCX.Tests.Aggregation;

[Trait("Category", "Unit")]
public sealed class ScoreHistogramTests
{
    private static long[] Of(params int[] scores)
    {
        var histogram = new long[ScoreHistogram.Buckets];
        foreach (var s in scores)
        {
            histogram[s]++;
        }

        return histogram;
    }

    [Fact]
    public void Percentiles_use_nearest_rank()
    {
        var h = Of(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        Assert.Equal(50, ScoreHistogram.Percentile(h, 0.5));
        Assert.Equal(90, ScoreHistogram.Percentile(h, 0.9));
        Assert.Equal(10, ScoreHistogram.Percentile(h, 0.01));
        Assert.Equal(100, ScoreHistogram.Percentile(h, 1.0));
    }

    [Fact]
    public void Mean_and_count_are_exact_and_empty_has_no_mean()
    {
        var h = Of(0, 100, 100);
        Assert.Equal(3, ScoreHistogram.Count(h));
        Assert.Equal(66.67, ScoreHistogram.Mean(h));
        Assert.Null(ScoreHistogram.Mean(new long[101]));
        Assert.Null(ScoreHistogram.Percentile(new long[101], 0.5));
    }

    [Fact]
    public void Merging_equals_histogram_of_the_union()
    {
        var a = ScoreHistogram.Create();
        var b = ScoreHistogram.Create();
        ScoreHistogram.Add(a, 40, 1);
        ScoreHistogram.Add(b, 40, 2);
        ScoreHistogram.Add(b, 90, 1);
        var merged = new long[ScoreHistogram.Buckets];
        ScoreHistogram.Merge(merged, a);
        ScoreHistogram.Merge(merged, b);
        Assert.Equal(Of(40, 40, 40, 90), merged);
    }
}
