namespace CraftCX.ScoreChanges;

/// <summary>An agent's or bot's standing in the workspace over the last hour, after a change.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.agent-score-change.v1")]
public sealed record AgentScoreChange(
    [property: Id(0)] string AgentId,
    [property: Id(1)] bool IsBot,
    [property: Id(2)] long Conversations,
    [property: Id(3)] double? MeanOverall);
