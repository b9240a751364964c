using CraftCX.Silo.Ingestion;

namespace CraftCX.Tests.Ingestion;

[Trait("Category", "Unit")]
public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_are_within_the_bucket_resolution()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        Assert.Equal(1000, histogram.Count);
        Assert.InRange(histogram.PercentileMs(0.5)!.Value, 500, 500 * 1.05);
        Assert.InRange(histogram.PercentileMs(0.99)!.Value, 990, 990 * 1.05);
        histogram.Reset();
        Assert.Null(histogram.PercentileMs(0.5));
    }
}
