using CraftCX.Aggregation;
using CraftCX.ScoreChanges;

namespace CraftCX.Api.Dashboard;

/// <summary>The typed messages the live hub sends to a dashboard that joined a workspace.</summary>
// Public: SignalR emits the proxy into a dynamic assembly, which can implement only public interfaces.
public interface ILiveClient
{
    /// <summary>Conversations whose score changed (latest state of each since the last message).</summary>
    Task ConversationScoresChanged(string workspace, IReadOnlyList<ConversationScoreChange> conversations);

    /// <summary>Agents and bots whose last-hour standing changed.</summary>
    Task AgentScoresChanged(string workspace, IReadOnlyList<AgentScoreChange> agents);

    /// <summary>The workspace's last-hour aggregates (histograms, human vs bot, leaderboard) after the change.</summary>
    Task WorkspaceAggregateChanged(string workspace, WindowView lastHour);

    /// <summary>Auto-fails, sentiment collapses and SLA breaches, in the order they happened.</summary>
    Task Alerts(string workspace, IReadOnlyList<LiveAlert> alerts);
}
