namespace CraftCX.Aggregation;

/// <summary>
/// Rolling aggregates over the last hour (12 five-minute buckets), day (24 hourly buckets) and week (7 daily
/// buckets). A conversation counts in the buckets of its latest activity with its current score; a newer
/// contribution first removes the older one, so every figure is exact and replays change nothing. Only the
/// contributions of conversations that have not released them are held: a released one leaves its effect in the
/// buckets, and the conversation's next contribution names it as what it replaces.
/// </summary>
internal sealed class WindowedAggregate
{
    /// <summary>The newest conversations a workspace keeps for a dashboard that opens it.</summary>
    public const int RecentSize = 200;

    /// <summary>Held contributions that were never released (their conversation's silo died) are forgotten after this.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(8);

    /// <summary>
    /// How long a released conversation is still recognised: a copy of an older contribution that a batcher was
    /// retrying while the release went ahead must not count again. Kept in memory only; it is written nowhere.
    /// </summary>
    public static readonly TimeSpan ReleaseGrace = AggregationOptions.ReleaseGrace;

    private static readonly TimeSpan EvictionInterval = TimeSpan.FromSeconds(15);

    public static readonly IReadOnlyList<WindowSpec> Windows =
    [
        new("hour", TimeSpan.FromMinutes(5), 12),
        new("day", TimeSpan.FromHours(1), 24),
        new("week", TimeSpan.FromDays(1), 7),
    ];

    private readonly AggregateState _state;
    private readonly ContributionPacker _packer;
    private readonly bool _trackAgents;
    private readonly bool _trackRecent;
    private readonly Dictionary<string, (long Version, int Revision, DateTimeOffset At)> _released = new(StringComparer.Ordinal);

    public WindowedAggregate(AggregateState state, ContributionPacker packer, bool trackAgents, bool trackRecent = false)
    {
        _state = state;
        _packer = packer;
        _trackAgents = trackAgents;
        _trackRecent = trackRecent;
        foreach (var held in state.Held.Values)
        {
            // Held whole by builds before packing: packed once, stored so with the next write.
            if (held.Contribution is { } whole)
            {
                Hold(held, whole, held.AppliedAt);
            }
        }

        if (state.Contributions.Count > 0)
        {
            // Written before releases existed: every contribution is held, and ages out as it used to, by activity.
            foreach (var (key, contribution) in state.Contributions)
            {
                if (!state.Held.ContainsKey(key))
                {
                    var held = new HeldContribution();
                    Hold(held, contribution, contribution.At);
                    state.Held[key] = held;
                }
            }

            if (trackRecent && state.Recent.Count == 0)
            {
                state.Recent.AddRange(state.Contributions.Values.Where(c => !c.Retracted && !c.Imported).OrderBy(c => c.Closed).ThenByDescending(c => c.At).Take(RecentSize));
            }

            state.Contributions.Clear();
        }
    }

    public AggregateState State => _state;

    /// <summary>Whether the conversation's contribution is held (a copy of it is then recognised by its version).</summary>
    public bool Holds(string conversationKey) => _state.Held.ContainsKey(conversationKey);

    /// <summary>Released conversations still recognised in memory.</summary>
    public int RecentlyReleased => _released.Count;

    /// <summary>Applies one contribution; false when the aggregate already holds that version or a newer one.</summary>
    public bool Apply(ScoreContribution contribution, DateTimeOffset now) => Apply(contribution, now, out _);

    /// <summary>Applies one contribution and tells which one it replaced.</summary>
    public bool Apply(ScoreContribution contribution, DateTimeOffset now, out ScoreContribution? previous)
    {
        var key = contribution.ConversationKey;
        if (_state.Held.TryGetValue(key, out var held))
        {
            if (!contribution.IsNewerThan(held.Version, held.Revision))
            {
                // A copy of what is held, or older: recognised without unpacking it.
                previous = null;
                return false;
            }

            previous = _packer.Unpack(held.Packed!);
        }
        else
        {
            if (_released.TryGetValue(key, out var released)
                && (contribution.Version < released.Version || (contribution.Version == released.Version && contribution.Revision <= released.Revision)))
            {
                // A late copy of what the conversation has released already: counted.
                previous = null;
                return false;
            }

            previous = contribution.Replaces;
            if (previous is not null && !contribution.IsNewerThan(previous))
            {
                // A replay of the released contribution itself.
                return false;
            }
        }

        if (previous is { Retracted: false })
        {
            ApplyToBuckets(previous, -1, now);
        }

        // What is kept drops what only the copy in flight needs: the release it replaces and its trace.
        var stored = contribution.Replaces is null && contribution.TraceParent is null ? contribution : contribution with { Replaces = null, TraceParent = null };
        if (held is null)
        {
            held = new HeldContribution();
            _state.Held[key] = held;
        }

        Hold(held, stored, now);

        if (!contribution.Retracted)
        {
            ApplyToBuckets(contribution, +1, now);
            _state.IsBot = contribution.AgentIsBot;
        }

        if (_trackRecent)
        {
            Remember(stored);
        }

        _state.ContributionsApplied++;
        return true;
    }

    /// <summary>Forgets a conversation's held contribution when it is released at exactly that version and revision.</summary>
    public bool Release(ContributionRelease release, DateTimeOffset now)
    {
        if (!_state.Held.TryGetValue(release.ConversationKey, out var held))
        {
            return false;
        }

        if (held.Version != release.Version || held.Revision != release.Revision)
        {
            // Changed again since (released later), or never given what was released (the entry must stay).
            return false;
        }

        _state.Held.Remove(release.ConversationKey);
        _released[release.ConversationKey] = (held.Version, held.Revision, now);
        return true;
    }

    private void Hold(HeldContribution held, ScoreContribution contribution, DateTimeOffset appliedAt)
    {
        held.Packed = _packer.Pack(contribution);
        held.Version = contribution.Version;
        held.Revision = contribution.Revision;
        held.AppliedAt = appliedAt;
        held.Contribution = null;
    }

    // The dashboard's list: open conversations first, then the most recent; retracted ones leave it.
    private void Remember(ScoreContribution contribution)
    {
        var recent = _state.Recent;
        var index = recent.FindIndex(c => string.Equals(c.ConversationKey, contribution.ConversationKey, StringComparison.Ordinal));
        if (index >= 0)
        {
            recent.RemoveAt(index);
        }

        if (contribution.Retracted || contribution.Imported)
        {
            // An imported conversation is history: it would push the live ones off the dashboard's list.
            return;
        }

        recent.Add(contribution);
        if (recent.Count > RecentSize + (RecentSize / 4))
        {
            var kept = recent.OrderBy(c => c.Closed).ThenByDescending(c => c.At).Take(RecentSize).ToList();
            recent.Clear();
            recent.AddRange(kept);
        }
    }

    /// <summary>The conversations a dashboard shows first: open ones, then the most recent.</summary>
    public IEnumerable<ScoreContribution> RecentConversations() =>
        _state.Recent.OrderBy(c => c.Closed).ThenByDescending(c => c.At).Take(RecentSize);

    /// <summary>Drops buckets that left every window, held contributions older than <see cref="Retention"/> and releases past their grace.</summary>
    public void EvictExpired(DateTimeOffset now)
    {
        if (now - _state.LastEvictionAt < EvictionInterval)
        {
            return;
        }

        _state.LastEvictionAt = now;
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
        foreach (var key in _state.Held.Where(p => p.Value.AppliedAt < cutoff).Select(p => p.Key).ToList())
        {
            _state.Held.Remove(key);
        }

        // The dashboard's list ages like the rest: a conversation quiet for the whole retention leaves it, open or not.
        _state.Recent.RemoveAll(c => c.At < cutoff);

        var graceEnd = now - ReleaseGrace;
        foreach (var key in _released.Where(p => p.Value.At < graceEnd).Select(p => p.Key).ToList())
        {
            _released.Remove(key);
        }
    }

    /// <summary>One window only (the live surfaces need the last hour, not the day and week too).</summary>
    public WindowView Window(WindowSpec window, DateTimeOffset now, bool includeHistograms) => BuildWindow(window, now, includeHistograms);

    public AggregateView View(AggregateLevel level, string key, DateTimeOffset now, bool includeHistograms)
    {
        var windows = Windows.Select(w => BuildWindow(w, now, includeHistograms)).ToArray();
        return new AggregateView(level, key, now, _state.ContributionsApplied, level == AggregateLevel.Agent ? _state.IsBot : null, windows)
        {
            HeldContributions = _state.Held.Count,
            HistoryPending = _state.HistoryOutbox.Count,
        };
    }

    private void ApplyToBuckets(ScoreContribution contribution, int sign, DateTimeOffset now)
    {
        foreach (var window in Windows)
        {
            var index = window.IndexOf(contribution.At);
            if (index < window.OldestIndex(now))
            {
                // Before the window (a backfill): history has it, and a bucket here would only wait to be evicted.
                continue;
            }

            var buckets = BucketsOf(window);
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

            bucket.Apply(contribution, sign, _trackAgents);
            if (bucket.IsEmpty)
            {
                buckets.Remove(index);
            }
        }
    }

    private Dictionary<long, AggregateBucket> BucketsOf(WindowSpec window) => window.Name switch
    {
        "hour" => _state.FiveMinuteBuckets,
        "day" => _state.HourBuckets,
        _ => _state.DayBuckets,
    };

    private WindowView BuildWindow(WindowSpec window, DateTimeOffset now, bool includeHistograms)
    {
        var oldest = window.OldestIndex(now);
        return BucketViews.Merge(window.Name, window.StartOf(oldest), BucketsOf(window).Where(b => b.Key >= oldest).Select(b => b.Value), includeHistograms);
    }
}
