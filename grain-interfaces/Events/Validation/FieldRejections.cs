using CraftCX.Events.Json;

namespace CraftCX.Events.Validation;

/// <summary>The rejections every validator gives, worded one way: what is missing, what is wrong, which id is bad.</summary>
internal static class FieldRejections
{
    internal static EventParseResult Missing(string field) =>
        EventParseResult.Invalid(RejectionCodes.MissingField, $"{field} is required.");

    internal static EventParseResult Invalid(string field, string rule) =>
        EventParseResult.Invalid(RejectionCodes.InvalidField, $"{field} {rule}.");

    internal static EventParseResult BadId(string field, string value) =>
        EventParseResult.Invalid(RejectionCodes.InvalidId, $"{field} '{Truncate(value)}' must match [A-Za-z0-9._:-]{{1,128}}.");

    internal static EventParseResult BadScope(string field, string value) =>
        EventParseResult.Invalid(RejectionCodes.InvalidId, $"{field} '{Truncate(value)}' must match [a-z0-9-]{{1,64}}.");

    internal static EventParseResult? Reason(ChatEvent e, ChatEventDataDto? data) =>
        data?.Reason is { Length: > EventLimits.MaxFreeTextLength }
            ? Invalid("data.reason", $"must be at most {EventLimits.MaxFreeTextLength} characters")
            : null;

    internal static EventParseResult? Channel(string? channel) =>
        channel is not null && !IdRules.IsValidId(channel) ? BadId("data.channel", channel) : null;

    internal static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
