namespace CraftCX.Aggregation;

/// <summary>An aggregate over one rolling window (hour, day or week).</summary>
[GenerateSerializer, Immutable, Alias("craftcx.window-view.v1")]
public sealed record WindowView(
    [property: Id(0)] string Window,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] long Conversations,
    [property: Id(3)] long AutoFailed,
    [property: Id(4)] ScoreSummary Overall,
    [property: Id(5)] IReadOnlyDictionary<string, ScoreSummary> Criteria,
    [property: Id(6)] IReadOnlyList<HandlerComparison> ByHandler,
    [property: Id(7)] IReadOnlyList<LeaderboardEntry> Leaderboard);
