using System.Text.Json;

namespace CraftCX.Silo.Demo;

/// <summary>Reads SGD dialogues from the selection's JSON (a list of objects with dialogue_id, domain, service and turns).</summary>
internal static class SgdDataset
{
    public static IReadOnlyList<SgdDialogue> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The SGD selection was not found at '{path}'.", path);
        }

        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.EnumerateArray()
            .Select(item => new SgdDialogue(
                item.GetProperty("dialogue_id").GetString() ?? string.Empty,
                item.GetProperty("domain").GetString() ?? "Services",
                item.GetProperty("service").GetString() ?? string.Empty,
                item.GetProperty("turns").EnumerateArray()
                    .Select(t => (t[0].GetString() ?? "system", t[1].GetString() ?? string.Empty))
                    .Where(t => t.Item2.Length > 0)
                    .ToArray()))
            .Where(d => d.Turns.Any(t => t.Speaker == "user"))
            .ToArray();
    }
}
