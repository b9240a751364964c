using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CraftCX.Api.Connectors.Imports;

/// <summary>
/// The records of an export file, in file order (the order a resumed run counts again): NDJSON or concatenated JSON
/// values, each a ticket or conversation, a JSON array of them, a Zendesk export page (<c>{"tickets": [...],
/// "users": [...]}</c>) or an Intercom list page (<c>{"type": "conversation.list", "conversations": [...]}</c>).
/// NDJSON streams record by record; an array or a page is held whole while its records are read.
/// </summary>
internal static class ImportRecordReader
{
    public static async IAsyncEnumerable<ImportRecord> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var value in JsonSerializer.DeserializeAsyncEnumerable(stream, ImportJsonContext.Default.JsonElement, topLevelValues: true, cancellationToken))
        {
            foreach (var record in Expand(value))
            {
                yield return record;
            }
        }
    }

    private static IEnumerable<ImportRecord> Expand(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            return value.EnumerateArray().SelectMany(Expand);
        }

        if (value.ValueKind == JsonValueKind.Object && Array(value, "tickets") is { } tickets)
        {
            var roles = Array(value, "users") is { } users ? Roles(users) : null;
            return tickets.EnumerateArray().Select(t => new ImportRecord(t, roles));
        }

        if (value.ValueKind == JsonValueKind.Object && Array(value, "conversations") is { } conversations)
        {
            return conversations.EnumerateArray().Select(c => new ImportRecord(c, null));
        }

        return [new ImportRecord(value, null)];
    }

    private static JsonElement? Array(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value : null;

    private static Dictionary<string, string> Roles(JsonElement users) =>
        users.EnumerateArray()
            .Select(u => (Id: JsonFields.Id(u, "id"), Role: JsonFields.Text(u, "role")))
            .Where(u => u.Id is not null && u.Role is not null)
            .DistinctBy(u => u.Id)
            .ToDictionary(u => u.Id!, u => u.Role!, StringComparer.Ordinal);
}
