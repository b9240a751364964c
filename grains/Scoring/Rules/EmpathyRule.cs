using CraftCX.Text;

namespace CraftCX.Scoring.Rules;

/// <summary>
/// Acknowledgement and empathy: 60 + 20 per acknowledging reply (at most two), minus 25 for each negative
/// customer message whose next reply does not acknowledge it.
/// State: Count = replies, Hits = acknowledging replies, Misses = unacknowledged negative turns, Flag = a negative turn awaits a reply.
/// </summary>
internal sealed class EmpathyRule(IReadOnlyList<string>? phrases) : ICriterionRule
{
    public const double NegativeBelow = -0.25;

    public static readonly string[] DefaultPhrases =
    [
        "sorry", "apologize", "apologise", "apologies", "i understand", "i can understand", "understand your",
        "i hear you", "that must be", "i appreciate", "thank you for your patience", "thanks for your patience",
        "thanks for waiting", "thank you for waiting", "happy to help", "glad to help", "i'd be happy", "i would be happy",
        "let me help", "i can help", "i'll help", "no worries", "of course", "certainly", "thank you", "thanks",
        "i'm here to help", "frustrating",
    ];

    private readonly PhraseSet _phrases = new(phrases ?? DefaultPhrases);

    public CriterionKind Kind => CriterionKind.Empathy;

    public void Observe(CriterionState state, MessageFacts message, ScorerState conversation)
    {
        if (message.IsCustomer)
        {
            if (message.Sentiment <= NegativeBelow)
            {
                state.Flag = true;
            }

            return;
        }

        if (!message.IsAgentReply)
        {
            return;
        }

        state.Count++;
        if (_phrases.Matches(message.Tokens))
        {
            state.Hits++;
            state.AddEvidence(message.MessageId);
        }
        else if (state.Flag)
        {
            state.Misses++;
            state.AddEvidence(message.MessageId);
        }

        state.Flag = false;
    }

    public int? Score(CriterionState state, ScorerState conversation) =>
        state.Count == 0 ? null : Math.Clamp(60 + 20 * Math.Min(state.Hits, 2) - 25 * state.Misses, 0, 100);

    public string Explain(CriterionState state, ScorerState conversation) =>
        state.Count == 0 ? "No agent reply yet."
        : $"{state.Hits} acknowledging repl{(state.Hits == 1 ? "y" : "ies")}; {state.Misses} negative customer message(s) left unacknowledged.";
}
