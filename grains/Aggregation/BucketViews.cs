namespace CraftCX.Aggregation;

/// <summary>Merges time buckets into one view: exact histograms, means, leaderboard and the human-vs-bot comparison.</summary>
internal static class BucketViews
{
    public const int LeaderboardSize = 50;

    public static WindowView Merge(string name, DateTimeOffset from, IEnumerable<AggregateBucket> buckets, bool includeHistograms)
    {
        var overall = new long[ScoreHistogram.Buckets];
        var criteria = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var agents = new Dictionary<string, (long Count, long Sum, bool IsBot)>(StringComparer.Ordinal);
        var handlers = new Dictionary<HandledBy, (long Count, long Sum, Dictionary<string, (long Count, long Sum)> Criteria)>();
        long conversations = 0;
        long autoFailed = 0;

        foreach (var bucket in buckets)
        {
            conversations += bucket.Conversations;
            autoFailed += bucket.AutoFailed;
            ScoreHistogram.Merge(overall, bucket.Overall);
            foreach (var (criterionId, histogram) in bucket.Criteria)
            {
                if (!criteria.TryGetValue(criterionId, out var merged))
                {
                    merged = new long[ScoreHistogram.Buckets];
                    criteria[criterionId] = merged;
                }

                ScoreHistogram.Merge(merged, histogram);
            }

            foreach (var (agentId, tally) in bucket.Agents)
            {
                var current = agents.GetValueOrDefault(agentId);
                agents[agentId] = (current.Count + tally.Count, current.Sum + tally.Sum, tally.IsBot);
            }

            foreach (var (handledBy, tally) in bucket.Handlers)
            {
                if (!handlers.TryGetValue(handledBy, out var current))
                {
                    current = (0, 0, new Dictionary<string, (long, long)>(StringComparer.Ordinal));
                }

                foreach (var (criterionId, criterionTally) in tally.Criteria)
                {
                    var c = current.Criteria.GetValueOrDefault(criterionId);
                    current.Criteria[criterionId] = (c.Count + criterionTally.Count, c.Sum + criterionTally.Sum);
                }

                handlers[handledBy] = (current.Count + tally.Overall.Count, current.Sum + tally.Overall.Sum, current.Criteria);
            }
        }

        var leaderboard = agents
            .Where(a => a.Value.Count > 0)
            .Select(a => new LeaderboardEntry(a.Key, a.Value.IsBot, a.Value.Count, Math.Round((double)a.Value.Sum / a.Value.Count, 2)))
            .OrderByDescending(e => e.MeanOverall)
            .ThenByDescending(e => e.Conversations)
            .ThenBy(e => e.AgentId, StringComparer.Ordinal)
            .Take(LeaderboardSize)
            .ToArray();

        var byHandler = handlers
            .Where(h => h.Value.Count > 0)
            .OrderBy(h => h.Key)
            .Select(h => new HandlerComparison(
                h.Key,
                h.Value.Count,
                Math.Round((double)h.Value.Sum / h.Value.Count, 2),
                h.Value.Criteria
                    .Where(c => c.Value.Count > 0)
                    .ToDictionary(c => c.Key, c => Math.Round((double)c.Value.Sum / c.Value.Count, 2), StringComparer.Ordinal)))
            .ToArray();

        return new WindowView(
            name,
            from,
            conversations,
            autoFailed,
            ScoreHistogram.Summarize(overall, includeHistograms),
            criteria.ToDictionary(c => c.Key, c => ScoreHistogram.Summarize(c.Value, includeHistograms), StringComparer.Ordinal),
            byHandler,
            leaderboard);
    }
}
