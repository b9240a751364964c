using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Hosting;

/// <summary>
/// The settings a failed start names. Several invalid option groups arrive as one AggregateException from the
/// start-up validator; each group's failures are listed, so the operator fixes them all in one go.
/// </summary>
internal static class SettingsFailures
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
            default:
                return false;
        }
    }
}
