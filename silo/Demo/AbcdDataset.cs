using System.Text.Json;

namespace CraftCX.Silo.Demo;

/// <summary>Reads ABCD conversations from the dataset's JSON (a list of objects with scenario and original turns).</summary>
internal static class AbcdDataset
{
    public static IReadOnlyList<AbcdConversation> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The ABCD sample was not found at '{path}'.", path);
        }

        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var conversations = new List<AbcdConversation>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var scenario = item.GetProperty("scenario");
            var personal = scenario.GetProperty("personal");
            var turns = item.GetProperty("original")
                .EnumerateArray()
                .Select(t => (t[0].GetString() ?? "agent", t[1].GetString() ?? string.Empty))
                .Where(t => t.Item2.Length > 0)
                .ToArray();
            conversations.Add(new AbcdConversation(
                item.GetProperty("convo_id").GetInt32(),
                personal.GetProperty("customer_name").GetString() ?? "customer",
                OptionalString(personal, "email"),
                OptionalString(personal, "phone"),
                OptionalString(personal, "username"),
                scenario.GetProperty("flow").GetString() ?? "unknown",
                scenario.GetProperty("subflow").GetString() ?? "unknown",
                turns));
        }

        return conversations;
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
