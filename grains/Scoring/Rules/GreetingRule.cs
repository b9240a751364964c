using CraftCX.Text;

namespace CraftCX.Scoring.Rules;

/// <summary>
/// The agent greets within its first two replies: 100 when it does, 20 when it does not.
/// State: Count = agent replies seen, Flag = greeted.
/// </summary>
internal sealed class GreetingRule(IReadOnlyList<string>? phrases) : ICriterionRule
{
    public const int WithinReplies = 2;
    public const int MissScore = 20;

    public static readonly string[] DefaultPhrases =
    [
        "hi", "hello", "hey", "good morning", "good afternoon", "good evening", "welcome", "greetings",
        "thanks for contacting", "thank you for contacting", "thanks for reaching out", "thank you for reaching out",
    ];

    private readonly PhraseSet _phrases = new(phrases ?? DefaultPhrases);

    public CriterionKind Kind => CriterionKind.Greeting;

    public void Observe(CriterionState state, MessageFacts message, ScorerState conversation)
    {
        if (!message.IsAgentReply)
        {
            return;
        }

        state.Count++;
        if (!state.Flag && state.Count <= WithinReplies && _phrases.Matches(message.Tokens))
        {
            state.Flag = true;
            state.AddEvidence(message.MessageId);
        }
    }

    public int? Score(CriterionState state, ScorerState conversation) =>
        state.Count == 0 ? null : state.Flag ? 100 : MissScore;

    public string Explain(CriterionState state, ScorerState conversation) =>
        state.Count == 0 ? "No agent reply yet."
        : state.Flag ? "The agent greeted the customer."
        : $"No greeting in the agent's first {WithinReplies} replies.";
}
