using CraftCX.Signals;
using CraftCX.Text;

namespace CraftCX.Scoring.Rules;

/// <summary>
/// Whether the issue got resolved. Judged once there is evidence or the conversation closed:
/// agent claim and customer confirmation 100, claim only 80, confirmation only 70, agent said it cannot 40,
/// closed without evidence 30; minus 30 per customer "still not working"; a close reported as resolved lifts
/// it to at least 80, as unresolved or abandoned caps it at 30.
/// State: Hits = agent claims, Count = customer confirmations, Misses = customer "not resolved", Penalty = agent inability.
/// </summary>
internal sealed class ResolutionRule(IReadOnlyList<string>? phrases) : ICriterionRule
{
    public static readonly string[] DefaultPhrases =
    [
        "resolved", "refunded", "refund has been", "i have processed", "i've processed", "has been processed",
        "fixed", "has been fixed", "all set", "you're all set", "you are all set", "taken care of", "i have updated",
        "i've updated", "has been updated", "has been cancelled", "has been canceled", "i have sent", "i've sent",
        "is on its way", "has been shipped", "will be shipped", "has been reset", "i have reset", "i've reset",
        "has been applied", "i have applied", "i've applied", "has been issued", "i've issued", "i have issued",
        "is now working", "should work now", "return label", "has been changed", "i've changed", "i have changed",
    ];

    private static readonly PhraseSet Confirmations = new(
    [
        "that worked", "that works", "it works", "perfect", "great", "awesome", "that helps", "that helped",
        "problem solved", "thank you so much", "thanks so much", "that's all", "that's it", "sorted", "works now",
        "working now", "excellent",
    ]);

    private static readonly PhraseSet Inability = new(
    [
        "unfortunately", "unable to", "we cannot", "we can't", "i cannot", "i can't", "not able to", "not possible",
    ]);

    private readonly PhraseSet _claims = new(phrases ?? DefaultPhrases);

    public CriterionKind Kind => CriterionKind.Resolution;

    public void Observe(CriterionState state, MessageFacts message, ScorerState conversation)
    {
        var words = message.Tokens;
        if (message.IsAgentReply)
        {
            if (_claims.Matches(words))
            {
                state.Hits++;
                state.AddEvidence(message.MessageId);
            }
            else if (Inability.Matches(words))
            {
                state.Penalty++;
                state.AddEvidence(message.MessageId);
            }
        }
        else if (message.IsCustomer)
        {
            if (SignalPhrases.Unresolved.Matches(words))
            {
                state.Misses++;
                state.AddEvidence(message.MessageId);
            }
            else if (Confirmations.Matches(words) && conversation.AgentSideMessages > 0)
            {
                state.Count++;
                state.AddEvidence(message.MessageId);
            }
        }
    }

    public int? Score(CriterionState state, ScorerState conversation)
    {
        var hasEvidence = state.Hits > 0 || state.Count > 0 || state.Penalty > 0 || state.Misses > 0;
        if (!hasEvidence && !conversation.Closed)
        {
            return null;
        }

        var score = (state.Hits > 0, state.Count > 0) switch
        {
            (true, true) => 100,
            (true, false) => 80,
            (false, true) => 70,
            _ => state.Penalty > 0 ? 40 : 30,
        };
        score = Math.Max(0, score - 30 * state.Misses);

        if (conversation.Closed)
        {
            score = conversation.CloseResolution switch
            {
                "resolved" => Math.Max(score, 80),
                "unresolved" or "abandoned" => Math.Min(score, 30),
                _ => score,
            };
        }

        return score;
    }

    public string Explain(CriterionState state, ScorerState conversation)
    {
        var parts = new List<string>();
        if (state.Hits > 0) { parts.Add("the agent reported the issue handled"); }
        if (state.Count > 0) { parts.Add("the customer confirmed"); }
        if (state.Penalty > 0 && state.Hits == 0) { parts.Add("the agent said it could not be done"); }
        if (state.Misses > 0) { parts.Add($"the customer said {state.Misses} time(s) it is not solved"); }
        if (conversation.Closed) { parts.Add($"closed as {conversation.CloseResolution ?? "unspecified"}"); }
        return parts.Count == 0 ? "No sign of resolution yet." : char.ToUpperInvariant(parts[0][0]) + string.Join("; ", parts)[1..] + ".";
    }
}
