using CraftCX.Conversations;
using CraftCX.Events;

namespace CraftCX.Privacy.EndUsers;

/// <summary>Everything one conversation holds about its end user, for an export or a verification.</summary>
/// <param name="Snapshot">Scores, labels, AI assessment and transcript; null while every event is held back.</param>
/// <param name="HeldBack">Messages that arrived while processing was restricted, not yet scored.</param>
[GenerateSerializer, Immutable, Alias("craftcx.conversation-personal-data.v1")]
public sealed record ConversationPersonalData(
    [property: Id(0)] string Conversation,
    [property: Id(1)] CustomerRef? Customer,
    [property: Id(2)] string? Subject,
    [property: Id(3)] ConversationSnapshot? Snapshot,
    [property: Id(4)] IReadOnlyList<TranscriptMessage> HeldBack,
    [property: Id(5)] bool Restricted,
    [property: Id(6)] bool Held,
    [property: Id(7)] DateTimeOffset? PersonalDataPurgedAt,
    [property: Id(8)] DateTimeOffset? ErasedAt);
