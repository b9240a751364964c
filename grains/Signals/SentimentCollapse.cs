using CraftCX.Scoring;

namespace CraftCX.Signals;

/// <summary>A sentiment collapse: the customer's sentiment is at -0.5 or below and at least 0.5 below where it started.</summary>
public static class SentimentCollapse
{
    public const double Floor = -0.5;
    public const double Drop = 0.5;

    public static bool HasCollapsed(ScorerState state) =>
        state.SentimentCurrent is { } current && state.SentimentInitial is { } initial && current <= Floor && initial - current >= Drop;
}
