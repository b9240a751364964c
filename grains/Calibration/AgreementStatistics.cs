namespace CraftCX.Calibration;

/// <summary>
/// Agreement between two raters' 0–100 scores: mean absolute difference, share within ±10 points, and Cohen's
/// weighted kappa (quadratic weights) on five score bands, which discounts the agreement chance alone would give.
/// </summary>
internal static class AgreementStatistics
{
    public const int Bands = 5;

    public static int BandOf(int score) => Math.Min(Bands - 1, Math.Clamp(score, 0, 100) / (100 / Bands));

    public static Agreement Compute(IReadOnlyCollection<(int A, int B)> pairs)
    {
        if (pairs.Count == 0)
        {
            return new Agreement(0, null, null, null);
        }

        var absolute = 0.0;
        var within = 0;
        Span<double> observed = stackalloc double[Bands * Bands];
        Span<double> rows = stackalloc double[Bands];
        Span<double> columns = stackalloc double[Bands];
        foreach (var (a, b) in pairs)
        {
            var difference = Math.Abs(a - b);
            absolute += difference;
            within += difference <= 10 ? 1 : 0;
            var (i, j) = (BandOf(a), BandOf(b));
            observed[i * Bands + j]++;
            rows[i]++;
            columns[j]++;
        }

        double disagreement = 0, chance = 0;
        for (var i = 0; i < Bands; i++)
        {
            for (var j = 0; j < Bands; j++)
            {
                var weight = (i - j) * (i - j) / (double)((Bands - 1) * (Bands - 1));
                disagreement += weight * observed[i * Bands + j] / pairs.Count;
                chance += weight * rows[i] * columns[j] / ((double)pairs.Count * pairs.Count);
            }
        }

        return new Agreement(
            pairs.Count,
            Math.Round(absolute / pairs.Count, 2),
            Math.Round(within / (double)pairs.Count, 4),
            chance == 0 ? null : Math.Round(1 - disagreement / chance, 4));
    }
}
