using CraftCX.Events.Json;
using static CraftCX.Events.Validation.FieldRejections;

namespace CraftCX.Events.Validation;

/// <summary>conversation.tagged: one to a bounded number of short tags.</summary>
internal static class TaggedValidator
{
    internal static EventParseResult Validate(ChatEvent e, ChatEventDataDto? data)
    {
        if (data?.Tags is null) { return Missing("data.tags"); }
        if (data.Tags.Count is 0 or > EventLimits.MaxTags) { return Invalid("data.tags", $"must hold 1 to {EventLimits.MaxTags} tags"); }
        foreach (var tag in data.Tags)
        {
            if (string.IsNullOrWhiteSpace(tag) || tag.Length > EventLimits.MaxTagLength)
            {
                return Invalid("data.tags", $"each tag must be 1 to {EventLimits.MaxTagLength} characters");
            }
        }

        return EventParseResult.Valid(e with { Tags = data.Tags.ToArray() });
    }
}
