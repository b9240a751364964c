using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CraftCX.Tests.Connectors;

/// <summary>Loads a helpdesk fixture (Data/zendesk, Data/intercom) with its ticket or conversation id and times filled in.</summary>
internal static partial class HelpdeskFixtures
{
    /// <summary>Zendesk's event webhooks write times as ISO 8601.</summary>
    public static byte[] Zendesk(string name, string ticket, IReadOnlyDictionary<string, DateTimeOffset> times) =>
        Load("zendesk", name, "ticket", ticket, times, at => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));

    /// <summary>Intercom writes times as Unix seconds.</summary>
    public static byte[] Intercom(string name, string conversation, IReadOnlyDictionary<string, DateTimeOffset> times) =>
        Load("intercom", name, "conversation", conversation, times, at => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    private static byte[] Load(string folder, string name, string idName, string id, IReadOnlyDictionary<string, DateTimeOffset> times, Func<DateTimeOffset, string> format)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", folder, name + ".json")).Trim();
        text = Placeholder().Replace(text, m => m.Groups[1].Value == idName ? id : format(times[m.Groups[1].Value]));
        return Encoding.UTF8.GetBytes(text);
    }

    [GeneratedRegex(@"\{\{([a-z]+)\}\}")]
    private static partial Regex Placeholder();
}
