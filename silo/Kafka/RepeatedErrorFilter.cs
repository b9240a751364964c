using System.Collections.Concurrent;

namespace CraftCX.Silo.Kafka;

/// <summary>
/// Lets the same client error through once per window: a broker that is down fails every reconnect attempt, and
/// an operator needs to know that it is down, not a line per attempt.
/// </summary>
internal sealed class RepeatedErrorFilter(TimeSpan window, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastLogged = new(StringComparer.Ordinal);

    /// <summary>True for the first occurrence of <paramref name="key"/> in each window.</summary>
    public bool ShouldLog(string key)
    {
        var now = time.GetUtcNow();
        var logged = false;
        _lastLogged.AddOrUpdate(
            key,
            _ =>
            {
                logged = true;
                return now;
            },
            (_, last) =>
            {
                if (now - last < window)
                {
                    return last;
                }

                logged = true;
                return now;
            });
        return logged;
    }
}
