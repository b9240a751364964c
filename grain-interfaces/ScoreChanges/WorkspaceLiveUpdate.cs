using CraftCX.Aggregation;

namespace CraftCX.ScoreChanges;

/// <summary>What changed in a workspace in one aggregation flush, published on the workspace's live stream.</summary>
/// <param name="Summary">The last-hour window after the change.</param>
[GenerateSerializer, Immutable, Alias("craftcx.workspace-live-update.v1")]
public sealed record WorkspaceLiveUpdate(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Workspace,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] IReadOnlyList<ConversationScoreChange> Conversations,
    [property: Id(4)] IReadOnlyList<AgentScoreChange> Agents,
    [property: Id(5)] IReadOnlyList<LiveAlert> Alerts,
    [property: Id(6)] WindowView Summary);
