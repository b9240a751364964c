namespace CraftCX.Benchmarks;

/// <summary>How the live rounds warm up: short rounds until one of them leaves the JIT nearly idle.</summary>
internal static class LiveWarmup
{
    public const int RoundSeconds = 3;

    /// <summary>Bounds the warm-up when something keeps compiling (a new code path per round would be a finding).</summary>
    public const int MaxRounds = 8;

    /// <summary>Methods compiled in a round below which tiering is taken as done; measured, runs took 2–3 rounds (for example 3,321, 550, 244).</summary>
    public const int QuietMethods = 300;
}
