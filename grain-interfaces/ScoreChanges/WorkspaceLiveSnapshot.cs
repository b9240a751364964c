using CraftCX.Aggregation;

namespace CraftCX.ScoreChanges;

/// <summary>What a dashboard shows when it opens a workspace: the aggregates and the latest conversations.</summary>
/// <param name="Conversations">Most recent first, open ones before closed ones, at most 200.</param>
[GenerateSerializer, Immutable, Alias("craftcx.workspace-live-snapshot.v1")]
public sealed record WorkspaceLiveSnapshot(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Workspace,
    [property: Id(2)] AggregateView? View,
    [property: Id(3)] IReadOnlyList<ConversationScoreChange> Conversations);
