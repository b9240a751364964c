namespace CraftCX.Scoring.Rules;

/// <summary>
/// Response times against the SLA: each reply to a waiting customer scores 100 within target, falling linearly
/// to 0 at four times the target; the criterion is the mean. The first reply is measured against the
/// first-response target, later ones against the response target, both those of the conversation's channel.
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

        var targets = sla.For(conversation.Channel);
        var target = message.IsFirstResponse ? targets.FirstResponseSeconds : targets.ResponseSeconds;
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
        : Explain(state, sla.For(conversation.Channel));

    private static string Explain(CriterionState state, ChannelSla targets) =>
        $"{state.Count} repl{(state.Count == 1 ? "y" : "ies")} measured, {state.Misses} over target (first {targets.FirstResponseSeconds} s, then {targets.ResponseSeconds} s).";
}
