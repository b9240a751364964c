namespace CraftCX.Conversations;

/// <summary>Everything CraftCX knows about one conversation right now.</summary>
/// <param name="Status">open or closed.</param>
/// <param name="Transcript">The newest messages (bounded), only when asked for.</param>
[GenerateSerializer, Immutable, Alias("craftcx.conversation-snapshot.v1")]
public sealed record ConversationSnapshot(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Workspace,
    [property: Id(2)] string Conversation,
    [property: Id(3)] string Status,
    [property: Id(4)] DateTimeOffset StartedAt,
    [property: Id(5)] DateTimeOffset LastEventAt,
    [property: Id(6)] DateTimeOffset? ClosedAt,
    [property: Id(7)] long LastSequence,
    [property: Id(8)] int EventsApplied,
    [property: Id(9)] int Messages,
    [property: Id(10)] string? Channel,
    [property: Id(11)] string? PrimaryAgentId,
    [property: Id(12)] IReadOnlyList<string> Agents,
    [property: Id(13)] ScoreView Score,
    [property: Id(14)] SentimentView Sentiment,
    [property: Id(15)] LabelsView Labels,
    [property: Id(16)] ResponseTimesView ResponseTimes,
    [property: Id(17)] int? Csat,
    [property: Id(18)] string? Resolution,
    [property: Id(19)] IReadOnlyList<TranscriptMessage>? Transcript)
{
    /// <summary>The AI assessment side, null while none was ever asked for.</summary>
    [Id(20)] public Assessments.AiView? Ai { get; init; }
}
