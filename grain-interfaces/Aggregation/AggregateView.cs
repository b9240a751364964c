namespace CraftCX.Aggregation;

/// <summary>An agent's, workspace's or tenant's rolling aggregates as of <see cref="AsOf"/>.</summary>
/// <param name="IsBot">For an agent: whether it is a bot; null for workspaces and tenants.</param>
[GenerateSerializer, Immutable, Alias("craftcx.aggregate-view.v1")]
public sealed record AggregateView(
    [property: Id(0)] AggregateLevel Level,
    [property: Id(1)] string Key,
    [property: Id(2)] DateTimeOffset AsOf,
    [property: Id(3)] long ContributionsApplied,
    [property: Id(4)] bool? IsBot,
    [property: Id(5)] IReadOnlyList<WindowView> Windows)
{
    /// <summary>Conversations whose contribution the aggregate still holds (not released yet): its state grows with these only.</summary>
    [Id(6)] public int HeldContributions { get; init; }

    /// <summary>History changes stored with the aggregate and not yet in their history chunks (queries include them).</summary>
    [Id(7)] public int HistoryPending { get; init; }
}
