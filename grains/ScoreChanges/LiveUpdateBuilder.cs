using System.Collections.Immutable;
using CraftCX.Aggregation;

namespace CraftCX.ScoreChanges;

/// <summary>Turns the contributions a workspace just took into score changes, alerts and agent standings.</summary>
internal static class LiveUpdateBuilder
{
    public static ConversationScoreChange ToScoreChange(ScoreContribution current, ScoreContribution? previous, string workspace) =>
        ToScoreChange(current, workspace, [.. Alerts(current, previous).Select(a => a.Kind)]);

    private static ConversationScoreChange ToScoreChange(ScoreContribution current, string workspace, ImmutableArray<string> alertKinds)
    {
        var (tenant, conversation) = GrainKeys.Split(current.ConversationKey);
        return new ConversationScoreChange(
            tenant,
            workspace,
            conversation,
            current.Version,
            current.At,
            current.AgentId,
            current.AgentIsBot,
            current.HandledBy,
            current.Overall,
            current.AutoFailed,
            current.Criteria,
            current.Sentiment,
            current.SlaBreaches,
            current.Closed,
            current.Retracted,
            alertKinds)
        {
            Revision = current.Revision,
            Imported = current.Imported,
            TraceParent = current.TraceParent,
        };
    }

    /// <summary>Alerts fire on a transition only, so a conversation that stays failed does not alert again.</summary>
    public static IEnumerable<LiveAlert> Alerts(ScoreContribution current, ScoreContribution? previous)
    {
        if (current.Retracted)
        {
            yield break;
        }

        var conversation = GrainKeys.Split(current.ConversationKey).Id;
        if (current.AutoFailed && previous is not { AutoFailed: true, Retracted: false })
        {
            yield return new LiveAlert(LiveAlertKinds.AutoFail, conversation, current.AgentId, current.At, "An auto-fail criterion failed: the conversation scores 0.");
        }

        if (current.SentimentCollapsed && previous is not { SentimentCollapsed: true, Retracted: false })
        {
            yield return new LiveAlert(LiveAlertKinds.SentimentCollapse, conversation, current.AgentId, current.At, $"Customer sentiment fell to {current.Sentiment:0.00}.");
        }

        if (current.SlaBreaches > (previous is { Retracted: false } ? previous.SlaBreaches : 0))
        {
            yield return new LiveAlert(LiveAlertKinds.SlaBreach, conversation, current.AgentId, current.At, $"{current.SlaBreaches} response(s) over the SLA target.");
        }
    }

    public static WorkspaceLiveUpdate Build(
        string tenant,
        string workspace,
        DateTimeOffset now,
        IReadOnlyList<(ScoreContribution Current, ScoreContribution? Previous)> changes,
        WindowView lastHour)
    {
        // Each change's alerts once: they go out on their own and as kinds on the change.
        var scores = new ConversationScoreChange[changes.Count];
        var alerts = new List<LiveAlert>();
        for (var i = 0; i < changes.Count; i++)
        {
            var own = Alerts(changes[i].Current, changes[i].Previous).ToArray();
            alerts.AddRange(own);
            scores[i] = ToScoreChange(changes[i].Current, workspace, [.. own.Select(a => a.Kind)]);
        }

        var touched = changes
            .SelectMany(c => new[] { c.Current.AgentId, c.Previous?.AgentId })
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var standings = lastHour.Leaderboard.ToDictionary(e => e.AgentId, StringComparer.Ordinal);
        var agents = touched
            .Select(id => standings.TryGetValue(id, out var entry)
                ? new AgentScoreChange(id, entry.IsBot, entry.Conversations, entry.MeanOverall)
                : new AgentScoreChange(id, false, 0, null))
            .ToArray();
        return new WorkspaceLiveUpdate(tenant, workspace, now, scores, agents, alerts.ToArray(), lastHour);
    }

    /// <summary>The changes the live dashboard sees: all but those of imported conversations.</summary>
    public static IReadOnlyList<(ScoreContribution Current, ScoreContribution? Previous)> LiveOnly(
        IReadOnlyList<(ScoreContribution Current, ScoreContribution? Previous)> changes) =>
        changes.Any(c => c.Current.Imported) ? [.. changes.Where(c => !c.Current.Imported)] : changes;
}
