using CraftCX.Events.Json;
using static CraftCX.Events.Validation.FieldRejections;

namespace CraftCX.Events.Validation;

/// <summary>conversation.handoff: to whom (an agent or bot), from whom, and why.</summary>
internal static class HandoffValidator
{
    internal static EventParseResult Validate(ChatEvent e, ChatEventDataDto? data)
    {
        if (data?.To is null) { return Missing("data.to"); }
        var to = Participants.Read(data.To, "data.to", requireIdFor: [], out var error);
        if (error is not null) { return error.Value; }
        if (!to!.IsAgentSide) { return Invalid("data.to.role", "must be agent or bot"); }

        Participant? from = null;
        if (data.From is not null)
        {
            from = Participants.Read(data.From, "data.from", requireIdFor: [], out error);
            if (error is not null) { return error.Value; }
        }

        return Reason(e, data) ?? EventParseResult.Valid(e with { Agent = to, HandoffFrom = from, Reason = data.Reason });
    }
}
