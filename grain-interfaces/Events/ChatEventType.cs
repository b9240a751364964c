namespace CraftCX.Events;

/// <summary>The event types of contract v1; the wire names are in <see cref="ChatEventTypeNames"/>.</summary>
[GenerateSerializer]
public enum ChatEventType
{
    ConversationStarted = 1,
    MessageCreated = 2,
    AgentAssigned = 3,
    ConversationHandoff = 4,
    ConversationTagged = 5,
    CsatReceived = 6,
    ConversationClosed = 7,
    ConversationReopened = 8,
}
