using CraftCX.Events;
using CraftCX.Events.Json;

namespace CraftCX.Api.Connectors;

/// <summary>What one helpdesk delivery maps to: contract events, or a documented kind CraftCX does not use (ignored), or a failure (dead-lettered).</summary>
internal sealed record HelpdeskMapResult(IReadOnlyList<ChatEventDto> Events, string? IgnoredType, EventRejection? Failure)
{
    public static HelpdeskMapResult Of(params ChatEventDto[] events) => new(events, null, null);

    public static HelpdeskMapResult Ignore(string type) => new([], type, null);

    public static HelpdeskMapResult Fail(string detail) => new([], null, new EventRejection(RejectionCodes.Unmappable, detail));
}
