namespace CraftCX.Aggregation;

/// <summary>
/// Contributions waiting for the next flush, one per conversation and target: a newer version replaces an
/// older one, which is where the pre-aggregation saves calls on busy conversations.
/// </summary>
internal sealed class PendingContributions
{
    private readonly Dictionary<(AggregateLevel Level, string Key), Dictionary<string, ScoreContribution>> _byTarget = [];

    public int Count { get; private set; }

    public bool IsEmpty => Count == 0;

    public void Add(AggregateLevel level, string key, ScoreContribution contribution)
    {
        if (!_byTarget.TryGetValue((level, key), out var byConversation))
        {
            byConversation = new Dictionary<string, ScoreContribution>(StringComparer.Ordinal);
            _byTarget[(level, key)] = byConversation;
        }

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

    /// <summary>Takes everything pending, grouped by target, and leaves this empty.</summary>
    public List<(AggregateLevel Level, string Key, ScoreContribution[] Contributions)> Drain()
    {
        var batches = _byTarget.Select(p => (p.Key.Level, p.Key.Key, p.Value.Values.ToArray())).ToList();
        _byTarget.Clear();
        Count = 0;
        return batches;
    }
}
