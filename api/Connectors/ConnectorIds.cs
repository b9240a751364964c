namespace CraftCX.Api.Connectors;

/// <summary>A connector id is 32 lower-case hex digits (128 random bits); anything else is no connector.</summary>
internal static class ConnectorIds
{
    public static bool IsWellFormed(string? id) => id is { Length: 32 } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
