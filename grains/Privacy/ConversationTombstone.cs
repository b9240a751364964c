using CraftCX.Conversations;

namespace CraftCX.Privacy;

/// <summary>
/// What stays of a conversation retention deleted: enough to recognise its events if the topic is replayed, and
/// when it closed (for when the tombstone itself may go). No text, no identifier, no score.
/// </summary>
internal static class ConversationTombstone
{
    public static ConversationState Of(ConversationState deleted) => new()
    {
        Tombstone = true,
        ClosedAt = deleted.ClosedAt,
        LastSequence = deleted.LastSequence,
        RecentEventIds = deleted.RecentEventIds,
        RetentionIndexedAt = deleted.RetentionIndexedAt,
    };
}
