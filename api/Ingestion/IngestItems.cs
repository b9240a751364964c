using System.Text.Json;
using CraftCX.Events;

namespace CraftCX.Api.Ingestion;

/// <summary>Sorts a body's parsed items into events to write and errors, refusing any event of another tenant than the sender's.</summary>
internal static class IngestItems
{
    /// <param name="sender">What carries the tenant ("credential", "connector"), named in the refusal.</param>
    public static (List<RawEvent> Accepted, List<IngestError> Errors) Split(IReadOnlyList<IngestBatchParser.Item> items, string? tenant, string sender)
    {
        var accepted = new List<RawEvent>(items.Count);
        var errors = new List<IngestError>();
        foreach (var item in items)
        {
            if (item.Result.Event is { } forbidden && !string.Equals(forbidden.Tenant, tenant, StringComparison.Ordinal))
            {
                // The tenant comes from the sender: an event of another tenant is refused, not written.
                errors.Add(new IngestError(item.Index, forbidden.Id, RejectionCodes.ForbiddenTenant, $"The event's tenant is not the tenant of this {sender}."));
            }
            else if (item.Result.Event is { } chatEvent)
            {
                accepted.Add(new RawEvent(chatEvent.ConversationKey, item.Json));
            }
            else
            {
                errors.Add(new IngestError(item.Index, TryReadId(item.Json), item.Result.Rejection!.Code, item.Result.Rejection.Detail));
            }
        }

        return (accepted, errors);
    }

    private static string? TryReadId(ReadOnlyMemory<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.CurrentDepth >= 1)
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    // A lone surrogate escape cannot become a string: the id is then simply unknown.
                    return reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= 512 ? TryGetString(ref reader) : null;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth > 1)
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static string? TryGetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
