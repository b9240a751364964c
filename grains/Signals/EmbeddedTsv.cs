using System.Reflection;

namespace CraftCX.Signals;

/// <summary>Reads the tab-separated word lists embedded in this assembly ('#' starts a comment line).</summary>
internal static class EmbeddedTsv
{
    public static IEnumerable<(string Key, string Value)> Read(string fileName)
    {
        var assembly = typeof(EmbeddedTsv).Assembly;
        using var stream = assembly.GetManifestResourceStream("CraftCX.Lexicons." + fileName)
            ?? throw new InvalidOperationException($"Embedded lexicon '{fileName}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var rows = new List<(string, string)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t');
            if (tab <= 0)
            {
                throw new InvalidOperationException($"Lexicon '{fileName}' has a line without a tab: '{line}'.");
            }

            rows.Add((line[..tab].Trim(), line[(tab + 1)..].Trim()));
        }

        return rows;
    }
}
