using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CraftCX.Tests.Connectors;

/// <summary>Loads a Zendesk fixture (Data/zendesk) with its ticket id and times filled in.</summary>
internal static partial class ZendeskFixtures
{
    public static byte[] Load(string name, string ticket, IReadOnlyDictionary<string, DateTimeOffset> times)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "zendesk", name + ".json")).Trim();
        text = Placeholder().Replace(text, m => m.Groups[1].Value == "ticket"
            ? ticket
            : times[m.Groups[1].Value].ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        return Encoding.UTF8.GetBytes(text);
    }

    [GeneratedRegex(@"\{\{([a-z]+)\}\}")]
    private static partial Regex Placeholder();
}
