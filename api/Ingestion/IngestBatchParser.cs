using System.Text;
using System.Text.Json;
using CraftCX.Events;

namespace CraftCX.Api.Ingestion;

/// <summary>
/// Splits an ingest request body into events: a JSON array (or one object) or NDJSON, one event per line.
/// Each event is validated on its own, so one bad event never spoils its neighbours.
/// </summary>
internal sealed class IngestBatchParser(ChatEventParser parser)
{
    /// <summary>One event of the body: its position, its original bytes and the validation outcome.</summary>
    public sealed record Item(int Index, ReadOnlyMemory<byte> Json, EventParseResult Result);

    /// <summary>
    /// Parses the body; throws <see cref="JsonException"/> when a JSON array body is not well-formed. It stops after
    /// <paramref name="maxEvents"/> + 1 events, so a body over the limit is refused without reading the rest.
    /// </summary>
    public IReadOnlyList<Item> Parse(ReadOnlyMemory<byte> body, bool ndjson, int maxEvents = int.MaxValue)
    {
        return ndjson ? ParseLines(body, maxEvents) : ParseArray(body, maxEvents);
    }

    /// <summary>NDJSON when the media type says so, or when the body does not start with '['.</summary>
    public static bool LooksLikeNdjson(string? contentType, ReadOnlySpan<byte> body)
    {
        if (contentType is not null && (contentType.Contains("ndjson", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("jsonl", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("json-seq", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b != (byte)'[';
        }

        return false;
    }

    private List<Item> ParseArray(ReadOnlyMemory<byte> body, int maxEvents)
    {
        var items = new List<Item>();
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { MaxDepth = 32 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            // One object: checked as a whole document, then judged as one event.
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            items.Add(Validate(0, body));
            return items;
        }

        // Element by element with the reader, so that the count is known while parsing and no document is built.
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                // Anything but whitespace after the array makes the reader throw.
                reader.Read();
                return items;
            }

            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            items.Add(Validate(items.Count, body[start..(int)reader.BytesConsumed]));
            if (items.Count > maxEvents)
            {
                return items;
            }
        }

        throw new JsonException("The body ends inside the array.");
    }

    private List<Item> ParseLines(ReadOnlyMemory<byte> body, int maxEvents)
    {
        var items = new List<Item>();
        var span = body.Span;
        var start = 0;
        var line = 0;
        while (start <= span.Length)
        {
            var newline = span[start..].IndexOf((byte)'\n');
            var end = newline < 0 ? span.Length : start + newline;
            var slice = body[start..end];
            if (!IsBlank(slice.Span))
            {
                items.Add(Validate(line, slice.Trim()));
                if (items.Count > maxEvents)
                {
                    break;
                }
            }

            line++;
            if (newline < 0)
            {
                break;
            }

            start = end + 1;
        }

        return items;
    }

    private Item Validate(int index, ReadOnlyMemory<byte> json) => new(index, json, parser.Parse(json.Span));

    private static bool IsBlank(ReadOnlySpan<byte> span)
    {
        foreach (var b in span)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }
}
