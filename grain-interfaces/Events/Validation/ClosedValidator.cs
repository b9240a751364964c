using CraftCX.Events.Json;
using static CraftCX.Events.Validation.FieldRejections;

namespace CraftCX.Events.Validation;

/// <summary>conversation.closed: an optional resolution from the known ones, and a reason.</summary>
internal static class ClosedValidator
{
    private static readonly HashSet<string> Resolutions = new(StringComparer.Ordinal)
    {
        "resolved", "unresolved", "abandoned", "transferred",
    };

    internal static EventParseResult Validate(ChatEvent e, ChatEventDataDto? data)
    {
        var resolution = data?.Resolution;
        if (resolution is not null && !Resolutions.Contains(resolution))
        {
            return Invalid("data.resolution", $"must be one of {string.Join(", ", Resolutions)}");
        }

        return Reason(e, data) ?? EventParseResult.Valid(e with { Resolution = resolution, Reason = data?.Reason });
    }
}
