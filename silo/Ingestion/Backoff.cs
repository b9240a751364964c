namespace CraftCX.Silo.Ingestion;

/// <summary>Exponential backoff with jitter: 100 ms, 200 ms, 400 ms... up to a ceiling.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan max)
    {
        var baseMs = Math.Min(max.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(20, attempt - 1)));
        var jitter = Random.Shared.NextDouble() * 0.2 * baseMs;
        return TimeSpan.FromMilliseconds(Math.Min(max.TotalMilliseconds, baseMs + jitter));
    }
}
