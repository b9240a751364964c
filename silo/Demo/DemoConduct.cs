namespace CraftCX.Silo.Demo;

/// <summary>How often the demo's agents slip on one day: slow replies, rudeness, a compliance breach, a skipped greeting.</summary>
internal sealed record DemoConduct(double Slow, double Rude, double Breach, double SkipGreeting)
{
    /// <summary>The team at its best: the shares the demo has always used.</summary>
    public static readonly DemoConduct Steady = new(0.15, 0.05, 0.04, 0.10);

    // The team at its worst in the cycle: about ten points lower on the overall score.
    private static readonly DemoConduct Struggling = new(0.85, 0.30, 0.25, 0.80);

    // Twelve weeks: a 60-day backfill and its previous period each show a slide or a recovery.
    private const double CycleDays = 84;

    /// <summary>
    /// The team's conduct on <paramref name="day"/>: it slides and recovers over a twelve-week cycle, the same on
    /// every start, so that the trend chart has a story and a restarted silo backfills the same days.
    /// </summary>
    public static DemoConduct On(DateOnly day)
    {
        var slip = (1 - Math.Cos(2 * Math.PI * day.DayNumber / CycleDays)) / 2;
        return new DemoConduct(
            Between(Steady.Slow, Struggling.Slow, slip),
            Between(Steady.Rude, Struggling.Rude, slip),
            Between(Steady.Breach, Struggling.Breach, slip),
            Between(Steady.SkipGreeting, Struggling.SkipGreeting, slip));
    }

    private static double Between(double best, double worst, double slip) => best + ((worst - best) * slip);
}
