using CraftCX.Events.Json;
using static CraftCX.Events.Validation.FieldRejections;

namespace CraftCX.Events.Validation;

/// <summary>agent.assigned: the agent or bot now handling the conversation.</summary>
internal static class AgentAssignedValidator
{
    internal static EventParseResult Validate(ChatEvent e, ChatEventDataDto? data)
    {
        if (data?.Agent is null) { return Missing("data.agent"); }
        var agent = Participants.Read(data.Agent, "data.agent", requireIdFor: [AuthorRole.Agent, AuthorRole.Bot], out var error, defaultRole: AuthorRole.Agent);
        if (error is not null) { return error.Value; }
        if (!agent!.IsAgentSide) { return Invalid("data.agent.role", "must be agent or bot"); }
        return EventParseResult.Valid(e with { Agent = agent });
    }
}
