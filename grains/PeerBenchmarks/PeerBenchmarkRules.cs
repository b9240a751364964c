using CraftCX.Aggregation;

namespace CraftCX.PeerBenchmarks;

/// <summary>
/// Which segments may be published and what of them: at least k distinct tenants, none bringing more than the
/// largest share and at least a minimum of conversations, figures in whole points with counts rounded and shares in
/// steps of 5%, and a criterion or the response times only when k tenants measured them with none dominant (a
/// tenant's own criterion id could name it). The inputs carry no tenant id; neither does anything made here.
/// </summary>
internal static class PeerBenchmarkRules
{
    /// <summary>Shares below a score are published in steps of this many percent.</summary>
    public const int ShareStep = 5;

    public static IReadOnlyList<PublishedPeerSegment> Publish(IReadOnlyList<PeerBenchmarkInput> tenants, int minimumTenants, double maxTenantShare, int minimumConversations = 1)
    {
        var published = new List<PublishedPeerSegment>();
        var segments = tenants
            .SelectMany(t => t.Segments.Where(s => s.Conversations > 0).Select(s => (t.Industry, Segment: s)))
            .GroupBy(x => (x.Industry, x.Segment.Channel, x.Segment.Handler));
        foreach (var group in segments.OrderBy(g => g.Key.Industry, StringComparer.Ordinal).ThenBy(g => g.Key.Channel, StringComparer.Ordinal).ThenBy(g => g.Key.Handler, StringComparer.Ordinal))
        {
            // One input per tenant and segment, so the members are the contributing tenants.
            var members = group.Select(x => x.Segment).ToList();
            var total = members.Sum(m => m.Conversations);
            if (total < minimumConversations || !Publishable(members.Select(m => m.Conversations), minimumTenants, maxTenantShare))
            {
                continue;
            }

            var overall = Merge(members.Select(m => m.Overall));

            // Each figure on its own terms too: a criterion or a response time only one tenant really measured is that tenant's.
            var criteria = members
                .SelectMany(m => m.Criteria.Select(c => (c.Key, Histogram: c.Value, Count: c.Value.Sum(n => (long)n))))
                .Where(c => c.Count > 0)
                .GroupBy(c => c.Key, StringComparer.Ordinal)
                .Where(c => Publishable(c.Select(x => x.Count), minimumTenants, maxTenantShare))
                .OrderBy(c => c.Key, StringComparer.Ordinal)
                .ToDictionary(c => c.Key, c => Distribution(Merge(c.Select(x => x.Histogram))), StringComparer.Ordinal);
            var measured = members.Where(m => m.FirstResponse.Sum(n => (long)n) > 0).ToList();
            var firstResponse = new long[FirstResponseBins.Count];
            if (Publishable(measured.Select(m => m.FirstResponse.Sum(n => (long)n)), minimumTenants, maxTenantShare))
            {
                foreach (var member in measured)
                {
                    for (var i = 0; i < firstResponse.Length; i++)
                    {
                        firstResponse[i] += member.FirstResponse[i];
                    }
                }
            }

            published.Add(new PublishedPeerSegment(
                group.Key.Industry,
                group.Key.Channel,
                group.Key.Handler,
                Math.Max(minimumTenants, members.Count / 5 * 5),
                Math.Max(10, (long)Math.Round(total / 10.0, MidpointRounding.AwayFromZero) * 10),
                Distribution(overall),
                criteria,
                ShareBelow(overall),
                BinBound(firstResponse, 0.5),
                BinBound(firstResponse, 0.9)));
        }

        return published;
    }

    // At least k contributors, none above the largest share of the total.
    private static bool Publishable(IEnumerable<long> counts, int minimumTenants, double maxTenantShare)
    {
        var list = counts.Where(n => n > 0).ToList();
        var total = list.Sum();
        return list.Count >= minimumTenants && list.All(n => n <= maxTenantShare * total);
    }

    /// <summary>The share (whole percent) of a segment's conversations that scored below a mean, rounded to a whole score.</summary>
    public static int PercentileRank(PublishedPeerSegment segment, double mean) => segment.ShareBelow[Math.Clamp((int)Math.Round(mean, MidpointRounding.AwayFromZero), 0, 100)];

    private static long[] Merge(IEnumerable<int[]> histograms)
    {
        var merged = new long[ScoreHistogram.Buckets];
        foreach (var histogram in histograms)
        {
            ScoreHistogram.Merge(merged, histogram);
        }

        return merged;
    }

    // Whole points of the exact merged histogram; a segment always has conversations, so none is null.
    private static PeerScoreDistribution Distribution(long[] histogram) => new(
        (int)Math.Round(ScoreHistogram.Mean(histogram) ?? 0, MidpointRounding.AwayFromZero),
        ScoreHistogram.Percentile(histogram, 0.10) ?? 0,
        ScoreHistogram.Percentile(histogram, 0.25) ?? 0,
        ScoreHistogram.Percentile(histogram, 0.50) ?? 0,
        ScoreHistogram.Percentile(histogram, 0.75) ?? 0,
        ScoreHistogram.Percentile(histogram, 0.90) ?? 0);

    private static int[] ShareBelow(long[] histogram)
    {
        var n = ScoreHistogram.Count(histogram);
        var shares = new int[ScoreHistogram.Buckets];
        long below = 0;
        for (var score = 0; score < histogram.Length; score++)
        {
            shares[score] = n == 0 ? 0 : (int)Math.Round(100.0 * below / n / ShareStep, MidpointRounding.AwayFromZero) * ShareStep;
            below += histogram[score];
        }

        return shares;
    }

    private static int? BinBound(long[] bins, double p)
    {
        var n = bins.Sum();
        if (n == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(p * n));
        long seen = 0;
        for (var i = 0; i < bins.Length; i++)
        {
            seen += bins[i];
            if (seen >= rank)
            {
                return i < FirstResponseBins.UpperBounds.Count ? FirstResponseBins.UpperBounds[i] : null;
            }
        }

        return null;
    }
}
