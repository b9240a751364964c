using System.Globalization;

namespace CraftCX.Tests.Infrastructure;

/// <summary>Values as a query string carries them.</summary>
internal static class QueryValues
{
    /// <summary>An instant in ISO 8601, escaped (its "+" would otherwise read as a space).</summary>
    public static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));
}
