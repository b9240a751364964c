using CraftCX.Events.Json;
using static CraftCX.Events.Validation.FieldRejections;

namespace CraftCX.Events.Validation;

/// <summary>csat.received: a whole score from 1 to 5.</summary>
internal static class CsatValidator
{
    internal static EventParseResult Validate(ChatEvent e, ChatEventDataDto? data)
    {
        if (data?.Score is not { } score) { return Missing("data.score"); }
        if (score is < 1 or > 5 || score != Math.Floor(score)) { return Invalid("data.score", "must be a whole number from 1 to 5"); }
        return EventParseResult.Valid(e with { CsatScore = (int)score });
    }
}
