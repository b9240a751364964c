namespace CraftCX.Aggregation;

/// <summary>
/// Rolling aggregates over the last hour (12 five-minute buckets), day (24 hourly buckets) and week (7 daily
/// buckets). A conversation counts in the buckets of its latest activity with its current score; a newer
/// contribution first removes the older one, so every figure is exact and replays change nothing.
/// </summary>
internal sealed class WindowedAggregate(AggregateState state, bool trackAgents)
{
    public const int LeaderboardSize = 50;

    /// <summary>Contributions (and retraction tombstones) older than this are forgotten.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(8);

    private static readonly TimeSpan EvictionInterval = TimeSpan.FromMinutes(1);

    public static readonly IReadOnlyList<WindowSpec> Windows =
    [
        new("hour", TimeSpan.FromMinutes(5), 12),
        new("day", TimeSpan.FromHours(1), 24),
        new("week", TimeSpan.FromDays(1), 7),
    ];

    public AggregateState State => state;

    /// <summary>Applies one contribution; false when the aggregate already holds that version or a newer one.</summary>
    public bool Apply(ScoreContribution contribution) => Apply(contribution, out _);

    /// <summary>Applies one contribution and tells which one it replaced.</summary>
    public bool Apply(ScoreContribution contribution, out ScoreContribution? previous)
    {
        if (state.Contributions.TryGetValue(contribution.ConversationKey, out previous))
        {
            if (!contribution.IsNewerThan(previous))
            {
                return false;
            }

            if (!previous.Retracted)
            {
                ApplyToBuckets(previous, -1);
            }
        }

        state.Contributions[contribution.ConversationKey] = contribution;
        if (!contribution.Retracted)
        {
            ApplyToBuckets(contribution, +1);
            state.IsBot = contribution.AgentIsBot;
        }

        state.ContributionsApplied++;
        return true;
    }

    /// <summary>Drops buckets that left every window and contributions older than <see cref="Retention"/>.</summary>
    public void EvictExpired(DateTimeOffset now)
    {
        if (now - state.LastEvictionAt < EvictionInterval)
        {
            return;
        }

        state.LastEvictionAt = now;
        foreach (var window in Windows)
        {
            var oldest = window.OldestIndex(now);
            var buckets = BucketsOf(window);
            foreach (var index in buckets.Keys.Where(i => i < oldest).ToList())
            {
                buckets.Remove(index);
            }
        }

        var cutoff = now - Retention;
        foreach (var key in state.Contributions.Where(p => p.Value.At < cutoff).Select(p => p.Key).ToList())
        {
            state.Contributions.Remove(key);
        }
    }

    /// <summary>One window only (the live surfaces need the last hour, not the day and week too).</summary>
    public WindowView Window(WindowSpec window, DateTimeOffset now, bool includeHistograms) => BuildWindow(window, now, includeHistograms);

    public AggregateView View(AggregateLevel level, string key, DateTimeOffset now, bool includeHistograms)
    {
        var windows = Windows.Select(w => BuildWindow(w, now, includeHistograms)).ToArray();
        return new AggregateView(level, key, now, state.ContributionsApplied, level == AggregateLevel.Agent ? state.IsBot : null, windows);
    }

    private void ApplyToBuckets(ScoreContribution contribution, int sign)
    {
        foreach (var window in Windows)
        {
            var buckets = BucketsOf(window);
            var index = window.IndexOf(contribution.At);
            if (!buckets.TryGetValue(index, out var bucket))
            {
                if (sign < 0)
                {
                    // The bucket was evicted: the old contribution already left this window.
                    continue;
                }

                bucket = new AggregateBucket();
                buckets[index] = bucket;
            }

            bucket.Apply(contribution, sign, trackAgents);
            if (bucket.IsEmpty)
            {
                buckets.Remove(index);
            }
        }
    }

    private Dictionary<long, AggregateBucket> BucketsOf(WindowSpec window) => window.Name switch
    {
        "hour" => state.FiveMinuteBuckets,
        "day" => state.HourBuckets,
        _ => state.DayBuckets,
    };

    /// <summary>
    /// One view per bucket of the given granularity ("5m", "hour" or "day") that starts in [from, to), oldest
    /// first; buckets past retention are gone (the day buckets reach back a week).
    /// </summary>
    public IReadOnlyList<WindowView> Buckets(string granularity, DateTimeOffset from, DateTimeOffset to)
    {
        var window = granularity switch
        {
            "5m" => Windows[0],
            "hour" => Windows[1],
            "day" => Windows[2],
            _ => throw new ArgumentException($"Granularity '{granularity}' is not one of 5m, hour, day.", nameof(granularity)),
        };
        var first = window.IndexOf(from);
        var last = window.IndexOf(to - TimeSpan.FromTicks(1));
        return BucketsOf(window)
            .Where(b => b.Key >= first && b.Key <= last && window.StartOf(b.Key) >= from)
            .OrderBy(b => b.Key)
            .Select(b => Merge(granularity, window.StartOf(b.Key), [b.Value], includeHistograms: false))
            .ToArray();
    }

    private WindowView BuildWindow(WindowSpec window, DateTimeOffset now, bool includeHistograms)
    {
        var oldest = window.OldestIndex(now);
        return Merge(window.Name, window.StartOf(oldest), BucketsOf(window).Where(b => b.Key >= oldest).Select(b => b.Value), includeHistograms);
    }

    private static WindowView Merge(string name, DateTimeOffset from, IEnumerable<AggregateBucket> buckets, bool includeHistograms)
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
