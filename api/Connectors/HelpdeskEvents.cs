using System.Text.Json;
using CraftCX.Api.Ingestion;
using CraftCX.Events.Json;

namespace CraftCX.Api.Connectors;

/// <summary>Mapped helpdesk events validated exactly like contract input, in the order the conversation grain applies them.</summary>
internal static class HelpdeskEvents
{
    public static (List<RawEvent> Accepted, List<IngestError> Errors) Validate(IReadOnlyList<ChatEventDto> events, string tenant, IngestBatchParser batchParser)
    {
        // In sequence order: the grain skips an event whose sequence is below one it has applied, so one delivery's tag
        // (slot 3) must not follow the reply (slot 10+) of the same second.
        var ordered = events.OrderBy(e => e.Sequence).ToList();
        var json = JsonSerializer.SerializeToUtf8Bytes(ordered, ChatEventJsonContext.Default.ListChatEventDto);
        return IngestItems.Split(batchParser.Parse(json, ndjson: false), tenant, "connector");
    }
}
