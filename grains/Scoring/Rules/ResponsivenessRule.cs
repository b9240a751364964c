namespace CraftCX.Scoring.Rules;

/// <summary>
/// Response times against the SLA: each reply to a waiting customer scores 100 within target, falling linearly
/// to 0 at four times the target; the criterion is the mean. The first reply is measured against the
/// first-response target, later ones against the response target.
/// State: Count = replies measured, Sum = their scores, Misses = SLA breaches, Evidence = breaching replies.
/// </summary>
internal sealed class ResponsivenessRule(SlaTargets sla) : ICriterionRule
{
    public CriterionKind Kind => CriterionKind.Responsiveness;

    public void Observe(CriterionState state, MessageFacts message, ScorerState conversation)
    {
        if (!message.IsAgentReply || message.ResponseSeconds is not { } seconds)
        {
            return;
        }

        var target = message.IsFirstResponse ? sla.FirstResponseSeconds : sla.ResponseSeconds;
        var score = ScoreResponse(seconds, target);
        state.Count++;
        state.Sum += score;
        if (seconds > target)
        {
            state.Misses++;
            state.AddEvidence(message.MessageId);
        }
    }

    public static double ScoreResponse(double seconds, int targetSeconds) =>
        seconds <= targetSeconds ? 100 : Math.Max(0, 100 - 100 * (seconds - targetSeconds) / (3.0 * targetSeconds));

    public int? Score(CriterionState state, ScorerState conversation) =>
        state.Count == 0 ? null : (int)Math.Round(state.Sum / state.Count, MidpointRounding.AwayFromZero);

    public string Explain(CriterionState state, ScorerState conversation) =>
        state.Count == 0 ? "No reply to a waiting customer yet."
        : $"{state.Count} repl{(state.Count == 1 ? "y" : "ies")} measured, {state.Misses} over target (first {sla.FirstResponseSeconds} s, then {sla.ResponseSeconds} s).";
}
