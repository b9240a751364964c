namespace CraftCX.Aggregation;

/// <summary>
/// Contributions waiting for the next flush, one per conversation and target: a newer version replaces an
/// older one, which is where the pre-aggregation saves calls on busy conversations. Releases wait with them.
/// </summary>
internal sealed class PendingContributions
{
    private readonly Dictionary<(AggregateLevel Level, string Key), Target> _byTarget = [];

    public int Count { get; private set; }

    public bool IsEmpty => Count == 0;

    public void Add(AggregateLevel level, string key, ScoreContribution contribution)
    {
        var byConversation = TargetOf(level, key).Contributions;
        if (byConversation.TryGetValue(contribution.ConversationKey, out var existing))
        {
            if (contribution.IsNewerThan(existing))
            {
                byConversation[contribution.ConversationKey] = contribution;
            }

            return;
        }

        byConversation[contribution.ConversationKey] = contribution;
        Count++;
    }

    public void Add(AggregateLevel level, string key, ContributionRelease release)
    {
        var releases = TargetOf(level, key).Releases;
        if (releases.TryGetValue(release.ConversationKey, out var existing))
        {
            if (release.Version > existing.Version || (release.Version == existing.Version && release.Revision > existing.Revision))
            {
                releases[release.ConversationKey] = release;
            }

            return;
        }

        releases[release.ConversationKey] = release;
        Count++;
    }

    /// <summary>Takes everything pending, grouped by target, and leaves this empty.</summary>
    public List<PendingBatch> Drain()
    {
        var batches = _byTarget.Select(p => new PendingBatch(p.Key.Level, p.Key.Key, [.. p.Value.Contributions.Values], [.. p.Value.Releases.Values])).ToList();
        _byTarget.Clear();
        Count = 0;
        return batches;
    }

    private Target TargetOf(AggregateLevel level, string key)
    {
        if (!_byTarget.TryGetValue((level, key), out var target))
        {
            target = new Target();
            _byTarget[(level, key)] = target;
        }

        return target;
    }

    private sealed class Target
    {
        public Dictionary<string, ScoreContribution> Contributions { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ContributionRelease> Releases { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>What one flush sends one aggregate: contributions first, then the releases.</summary>
internal sealed record PendingBatch(AggregateLevel Level, string Key, ScoreContribution[] Contributions, ContributionRelease[] Releases);
