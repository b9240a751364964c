namespace CraftCX.Privacy.EndUsers;

/// <summary>What an erasure removed from one conversation; counts only, never the values.</summary>
/// <param name="Outcome">erased, held (kept under a legal hold), deleted (already a tombstone) or absent.</param>
[GenerateSerializer, Immutable, Alias("craftcx.conversation-erasure.v1")]
public sealed record ConversationErasure(
    [property: Id(0)] string Conversation,
    [property: Id(1)] string Outcome,
    [property: Id(2)] int TranscriptMessages,
    [property: Id(3)] int HeldBackEvents,
    [property: Id(4)] bool CustomerReference,
    [property: Id(5)] bool Subject,
    [property: Id(6)] bool AiText,
    [property: Id(7)] int ReviewsWithText,
    [property: Id(8)] int IndexEntries)
{
    public const string Erased = "erased";
    public const string Held = "held";
    public const string Deleted = "deleted";
    public const string Absent = "absent";
}
