using CraftCX.Scoring;

namespace CraftCX.Signals;

/// <summary>
/// Escalation risk from points: 2 per escalation phrase (at most 4), 2 for sentiment at or below -0.5 or 1 at or
/// below -0.2, 1 for any SLA breach, 1 for any "still not solved". 4 or more is high, 2 or more medium.
/// </summary>
public static class EscalationRisk
{
    public static int Points(ScorerState state)
    {
        var points = 2 * Math.Min(2, state.EscalationSignals);
        points += state.SentimentCurrent switch
        {
            <= -0.5 => 2,
            <= -0.2 => 1,
            _ => 0,
        };
        points += state.SlaBreaches > 0 ? 1 : 0;
        points += state.UnresolvedSignals > 0 ? 1 : 0;
        return points;
    }

    public static string Assess(ScorerState state) => Points(state) switch
    {
        >= 4 => "high",
        >= 2 => "medium",
        _ => "low",
    };
}
