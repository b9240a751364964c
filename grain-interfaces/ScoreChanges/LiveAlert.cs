namespace CraftCX.ScoreChanges;

/// <summary>Something a supervisor should look at now: an auto-fail, a sentiment collapse or an SLA breach.</summary>
/// <param name="Kind">auto-fail, sentiment-collapse or sla-breach.</param>
[GenerateSerializer, Immutable, Alias("craftcx.live-alert.v1")]
public sealed record LiveAlert(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Conversation,
    [property: Id(2)] string? AgentId,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string Detail);
