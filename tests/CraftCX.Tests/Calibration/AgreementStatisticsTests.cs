using CraftCX.Calibration;

namespace CraftCX.Tests.Calibration;

[Trait("Category", "Unit")]
public sealed class AgreementStatisticsTests
{
    private static int InBand(int band) => band * 20 + 5;

    [Fact]
    public void Identical_scores_agree_fully()
    {
        var agreement = AgreementStatistics.Compute([(10, 10), (35, 35), (50, 50), (70, 70), (95, 95)]);
        Assert.Equal(new Agreement(5, 0, 1, 1), agreement);
    }

    [Fact]
    public void Reversed_bands_give_a_quadratic_kappa_of_minus_one()
    {
        var pairs = Enumerable.Range(0, 5).Select(i => (InBand(i), InBand(4 - i))).ToArray();
        Assert.Equal(-1, AgreementStatistics.Compute(pairs).WeightedKappa);
    }

    [Fact]
    public void Kappa_matches_the_textbook_formula_on_a_mixed_sample()
    {
        // Worked by hand (observed vs chance-expected disagreement, quadratic weights): 0.8267.
        int[] a = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 1, 2];
        int[] b = [0, 1, 1, 2, 2, 3, 3, 4, 4, 4, 1, 0];
        var agreement = AgreementStatistics.Compute(a.Zip(b, (x, y) => (InBand(x), InBand(y))).ToArray());
        Assert.Equal(0.8267, agreement.WeightedKappa);
        Assert.Equal(12, agreement.Pairs);
    }

    [Fact]
    public void Differences_and_the_within_10_share_are_in_score_points()
    {
        var agreement = AgreementStatistics.Compute([(80, 90), (80, 91), (50, 20), (0, 0)]);
        Assert.Equal((10 + 11 + 30 + 0) / 4.0, agreement.MeanAbsoluteDifference);
        Assert.Equal(0.5, agreement.ShareWithin10);
    }

    [Fact]
    public void Kappa_is_undefined_without_pairs_or_when_everything_falls_in_one_band()
    {
        Assert.Equal(new Agreement(0, null, null, null), AgreementStatistics.Compute([]));
        Assert.Null(AgreementStatistics.Compute([(81, 85), (90, 99)]).WeightedKappa);
    }
}
