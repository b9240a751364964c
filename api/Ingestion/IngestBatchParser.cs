using System.Text;
using System.Text.Json;
using CraftCX.Events;

namespace CraftCX.Api.Ingestion;

/// <summary>
/// Splits an ingest request body into events: a JSON array (or one object) or NDJSON, one event per line.
/// Each event is validated on its own, so one bad event never spoils its neighbours.
/// </summary>
public sealed class IngestBatchParser(ChatEventParser parser)
{
    /// <summary>One event of the body: its position, its original bytes and the validation outcome.</summary>
    public sealed record Item(int Index, ReadOnlyMemory<byte> Json, EventParseResult Result);

    /// <summary>Parses the body; throws <see cref="JsonException"/> when a JSON array body is not well-formed as a whole.</summary>
    public IReadOnlyList<Item> Parse(ReadOnlyMemory<byte> body, bool ndjson)
    {
        return ndjson ? ParseLines(body) : ParseArray(body);
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

    private List<Item> ParseArray(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        var items = new List<Item>();
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            items.Add(Validate(0, body));
            return items;
        }

        var index = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var json = Encoding.UTF8.GetBytes(element.GetRawText());
            items.Add(Validate(index++, json));
        }

        return items;
    }

    private List<Item> ParseLines(ReadOnlyMemory<byte> body)
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
