using CraftCX.Aggregation;
using CraftCX.Events;

namespace CraftCX.Conversations;

/// <summary>
/// Which agent a conversation's score belongs to: the latest assignee or handoff target, else the latest human
/// author, else the latest bot author; and whether humans, bots or both answered.
/// </summary>
internal static class Attribution
{
    public static (string? AgentId, bool IsBot) PrimaryAgent(ConversationState state)
    {
        if (state.AssignedHandler is { Id: { } assignedId } assigned)
        {
            return (assignedId, assigned.Role == AuthorRole.Bot);
        }

        if (state.LastHumanAuthor is { } human)
        {
            return (human, false);
        }

        return state.LastBotAuthor is { } bot ? (bot, true) : (null, false);
    }

    public static HandledBy HandledBy(ConversationState state) => (state.HumanSpoke, state.BotSpoke) switch
    {
        (true, true) => Aggregation.HandledBy.Hybrid,
        (true, false) => Aggregation.HandledBy.Human,
        (false, true) => Aggregation.HandledBy.Bot,
        _ => Aggregation.HandledBy.None,
    };
}
