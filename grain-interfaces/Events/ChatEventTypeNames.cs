namespace CraftCX.Events;

/// <summary>Maps the contract's dotted type names to <see cref="ChatEventType"/> and back.</summary>
internal static class ChatEventTypeNames
{
    private static readonly Dictionary<string, ChatEventType> ByName = new(StringComparer.Ordinal)
    {
        ["conversation.started"] = ChatEventType.ConversationStarted,
        ["message.created"] = ChatEventType.MessageCreated,
        ["agent.assigned"] = ChatEventType.AgentAssigned,
        ["conversation.handoff"] = ChatEventType.ConversationHandoff,
        ["conversation.tagged"] = ChatEventType.ConversationTagged,
        ["csat.received"] = ChatEventType.CsatReceived,
        ["conversation.closed"] = ChatEventType.ConversationClosed,
        ["conversation.reopened"] = ChatEventType.ConversationReopened,
    };

    private static readonly Dictionary<ChatEventType, string> ByType = ByName.ToDictionary(p => p.Value, p => p.Key);

    public static IEnumerable<string> All => ByName.Keys;

    public static bool TryParse(string name, out ChatEventType type) => ByName.TryGetValue(name, out type);

    public static string ToName(ChatEventType type) => ByType[type];
}
