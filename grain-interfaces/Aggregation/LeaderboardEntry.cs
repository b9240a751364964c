namespace CraftCX.Aggregation;

/// <summary>One agent's or bot's line in a workspace leaderboard.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.leaderboard-entry.v1")]
public sealed record LeaderboardEntry(
    [property: Id(0)] string AgentId,
    [property: Id(1)] bool IsBot,
    [property: Id(2)] long Conversations,
    [property: Id(3)] double MeanOverall);
