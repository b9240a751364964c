namespace CraftCX.PeerBenchmarks;

/// <summary>First-response times in coarse bins: a distribution that says how fast, and never which conversation.</summary>
public static class FirstResponseBins
{
    /// <summary>Upper bounds in seconds of every bin but the last, which holds the rest.</summary>
    public static readonly IReadOnlyList<int> UpperBounds = [15, 30, 60, 120, 300, 600, 1800, 3600];

    public static int Count => UpperBounds.Count + 1;

    public static int IndexOf(int seconds)
    {
        for (var i = 0; i < UpperBounds.Count; i++)
        {
            if (seconds < UpperBounds[i])
            {
                return i;
            }
        }

        return UpperBounds.Count;
    }
}
