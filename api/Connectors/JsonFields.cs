using System.Globalization;
using System.Text.Json;

namespace CraftCX.Api.Connectors;

/// <summary>Reads helpdesk JSON whose ids come as strings in one API and numbers in another, and whose "0" means none.</summary>
internal static class JsonFields
{
    public static JsonElement? Object(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    public static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? TextOf(value) : null;

    /// <summary>A string, or a number written as an integer; null, "", "0" and anything else are none.</summary>
    public static string? Id(JsonElement parent, string name) => Text(parent, name) is { Length: > 0 } id && id != "0" ? id : null;

    public static string? TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when value.TryGetInt64(out var n) => n.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    public static bool? Bool(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    /// <summary>An ISO 8601 time, or Unix seconds.</summary>
    public static DateTimeOffset? Time(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) && seconds is > 0 and < 253402300799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
    }

    public static IReadOnlyList<string> Strings(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(TextOf).OfType<string>().ToArray()
            : [];
}
