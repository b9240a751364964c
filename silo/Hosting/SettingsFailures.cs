using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Hosting;

/// <summary>
/// The settings a failed start names. Several invalid option groups arrive as one AggregateException from the
/// start-up validator; each group's failures are listed, so the operator fixes them all in one go. A value the
/// configuration binder cannot convert (a TimeSpan that reads "abc") is named by its key, never repeated.
/// </summary>
internal static partial class SettingsFailures
{
    /// <summary>False when the exception is not (only) about settings.</summary>
    public static bool TryDescribe(Exception exception, out IReadOnlyList<string> failures)
    {
        var found = new List<string>();
        var onlySettings = Collect(exception, found);
        failures = found;
        return onlySettings && found.Count > 0;
    }

    private static bool Collect(Exception exception, List<string> found)
    {
        switch (exception)
        {
            case OptionsValidationException invalid:
                found.AddRange(invalid.Failures);
                return true;
            case AggregateException aggregate:
                return aggregate.InnerExceptions.Aggregate(true, (all, inner) => Collect(inner, found) && all);
            case InvalidOperationException unconvertible when UnconvertibleValue().Match(unconvertible.Message) is { Success: true } match:
                found.Add($"{match.Groups["key"].Value} does not read as {Describe(match.Groups["type"].Value)}.");
                return true;
            default:
                return false;
        }
    }

    private static string Describe(string type) => type switch
    {
        "System.TimeSpan" => "a duration (hh:mm:ss, or d.hh:mm:ss)",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        "System.Uri" => "an absolute URI",
        _ when EnumNamed(type) is { } names => "one of " + string.Join(", ", names),
        _ => "a value of type " + type,
    };

    private static string[]? EnumNamed(string type) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(type)).FirstOrDefault(t => t is { IsEnum: true }) is { } found
            ? Enum.GetNames(found)
            : null;

    // The binder's own message ("Failed to convert configuration value at 'Aggregation:FlushInterval' to type
    // 'System.TimeSpan'."); the value itself, which may be a secret, is only in an inner exception.
    [GeneratedRegex(@"^Failed to convert configuration value (?:'.*' )?at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex UnconvertibleValue();
}
