using CraftCX.Events;

namespace CraftCX.Conversations;

/// <summary>One message kept in the conversation's bounded transcript.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.transcript-message.v1")]
public sealed record TranscriptMessage(
    [property: Id(0)] string MessageId,
    [property: Id(1)] AuthorRole Role,
    [property: Id(2)] string? AuthorId,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string Text,
    [property: Id(5)] bool Internal);
