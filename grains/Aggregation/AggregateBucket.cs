namespace CraftCX.Aggregation;

/// <summary>The contributions whose activity falls in one time bucket: histograms, per-agent and per-handler tallies.</summary>
[GenerateSerializer, Alias("craftcx.aggregate-bucket.v1")]
internal sealed class AggregateBucket
{
    [Id(0)] public long Conversations { get; set; }
    [Id(1)] public long AutoFailed { get; set; }
    [Id(2)] public int[] Overall { get; set; } = ScoreHistogram.Create();
    [Id(3)] public Dictionary<string, int[]> Criteria { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public Dictionary<string, Tally> Agents { get; set; } = new(StringComparer.Ordinal);
    [Id(5)] public Dictionary<HandledBy, HandlerTally> Handlers { get; set; } = [];

    /// <summary>Per channel and handler, for the peer benchmarks: kept by the tenant aggregate's daily history only.</summary>
    [Id(6)] public Dictionary<string, SegmentTally> Segments { get; set; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Conversations == 0;

    /// <summary>
    /// Nothing at all: a history delta that moved a conversation to another score counts no conversation, yet
    /// is not nothing.
    /// </summary>
    public bool IsZero =>
        Conversations == 0
        && AutoFailed == 0
        && !Overall.AsSpan().ContainsAnyExcept(0)
        && Criteria.Values.All(h => !h.AsSpan().ContainsAnyExcept(0))
        && Agents.Count == 0
        && Handlers.Values.All(h => h.IsZero)
        && Segments.Values.All(s => s.IsZero);

    /// <summary>Adds another bucket's counts (a delta, or a bucket to merge) to this one.</summary>
    public void Add(AggregateBucket other)
    {
        Conversations += other.Conversations;
        AutoFailed += other.AutoFailed;
        ScoreHistogram.Add(Overall, other.Overall);
        foreach (var (criterionId, histogram) in other.Criteria)
        {
            if (!Criteria.TryGetValue(criterionId, out var mine))
            {
                mine = ScoreHistogram.Create();
                Criteria[criterionId] = mine;
            }

            ScoreHistogram.Add(mine, histogram);
        }

        foreach (var (agentId, tally) in other.Agents)
        {
            if (!Agents.TryGetValue(agentId, out var mine))
            {
                mine = new Tally();
                Agents[agentId] = mine;
            }

            mine.Count += tally.Count;
            mine.Sum += tally.Sum;
            mine.IsBot = tally.IsBot;
            if (mine.Count == 0 && mine.Sum == 0)
            {
                Agents.Remove(agentId);
            }
        }

        foreach (var (handledBy, tally) in other.Handlers)
        {
            if (!Handlers.TryGetValue(handledBy, out var mine))
            {
                mine = new HandlerTally();
                Handlers[handledBy] = mine;
            }

            mine.Add(tally);
        }

        foreach (var (key, segment) in other.Segments)
        {
            if (!Segments.TryGetValue(key, out var mine))
            {
                mine = new SegmentTally();
                Segments[key] = mine;
            }

            mine.Add(segment);
        }
    }

    /// <summary>Adds (sign +1) or removes (sign -1) one contribution.</summary>
    public void Apply(ScoreContribution c, int sign, bool trackAgents, bool trackSegments = false)
    {
        if (trackSegments && c.Segmented)
        {
            var key = SegmentTally.KeyOf(c);
            if (!Segments.TryGetValue(key, out var segment))
            {
                segment = new SegmentTally();
                Segments[key] = segment;
            }

            segment.Apply(c, sign);
        }

        Conversations += sign;
        if (c.AutoFailed)
        {
            AutoFailed += sign;
        }

        ScoreHistogram.Add(Overall, c.Overall, sign);
        foreach (var criterion in c.Criteria)
        {
            if (!Criteria.TryGetValue(criterion.CriterionId, out var histogram))
            {
                histogram = ScoreHistogram.Create();
                Criteria[criterion.CriterionId] = histogram;
            }

            ScoreHistogram.Add(histogram, criterion.Score, sign);
        }

        if (!Handlers.TryGetValue(c.HandledBy, out var handler))
        {
            handler = new HandlerTally();
            Handlers[c.HandledBy] = handler;
        }

        handler.Apply(c, sign);
        if (trackAgents && c.AgentId is { } agentId)
        {
            if (!Agents.TryGetValue(agentId, out var tally))
            {
                tally = new Tally();
                Agents[agentId] = tally;
            }

            tally.Count += sign;
            tally.Sum += sign * c.Overall;
            tally.IsBot = c.AgentIsBot;
            if (tally.Count == 0 && tally.Sum == 0)
            {
                Agents.Remove(agentId);
            }
        }
    }
}
