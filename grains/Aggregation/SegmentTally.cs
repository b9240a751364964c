using CraftCX.PeerBenchmarks;

namespace CraftCX.Aggregation;

/// <summary>
/// A tenant's conversations of one channel and handler in one bucket, for the peer benchmarks: exact histograms of
/// overall and criterion scores and a coarse one of first-response times.
/// </summary>
[GenerateSerializer, Alias("craftcx.segment-tally.v1")]
internal sealed class SegmentTally
{
    [Id(0)] public long Conversations { get; set; }
    [Id(1)] public int[] Overall { get; set; } = ScoreHistogram.Create();
    [Id(2)] public Dictionary<string, int[]> Criteria { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public int[] FirstResponse { get; set; } = new int[FirstResponseBins.Count];

    /// <summary>The segment of a contribution: its channel and handler, as a benchmark names them.</summary>
    public static string KeyOf(ScoreContribution c) => PeerSegments.ChannelOf(c.Channel) + "/" + PeerSegments.HandlerOf(c.HandledBy);

    public bool IsZero =>
        Conversations == 0
        && !Overall.AsSpan().ContainsAnyExcept(0)
        && Criteria.Values.All(h => !h.AsSpan().ContainsAnyExcept(0))
        && !FirstResponse.AsSpan().ContainsAnyExcept(0);

    public void Apply(ScoreContribution c, int sign)
    {
        Conversations += sign;
        ScoreHistogram.Add(Overall, c.Overall, sign);
        foreach (var criterion in c.Criteria)
        {
            ScoreHistogram.Add(CriterionHistogram(criterion.CriterionId), criterion.Score, sign);
        }

        if (c.FirstResponseSeconds is { } seconds)
        {
            FirstResponse[FirstResponseBins.IndexOf(seconds)] += sign;
        }
    }

    public void Add(SegmentTally other)
    {
        Conversations += other.Conversations;
        ScoreHistogram.Add(Overall, other.Overall);
        foreach (var (criterionId, histogram) in other.Criteria)
        {
            ScoreHistogram.Add(CriterionHistogram(criterionId), histogram);
        }

        for (var i = 0; i < FirstResponse.Length; i++)
        {
            FirstResponse[i] += other.FirstResponse[i];
        }
    }

    private int[] CriterionHistogram(string criterionId)
    {
        if (!Criteria.TryGetValue(criterionId, out var histogram))
        {
            histogram = ScoreHistogram.Create();
            Criteria[criterionId] = histogram;
        }

        return histogram;
    }
}
