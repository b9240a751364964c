using CraftCX.Text;

namespace CraftCX.Scoring.Rules;

/// <summary>
/// Data-handling compliance: 0 as soon as an agent asks for a full card number, CVV, password or PIN
/// ("last four digits" is allowed) or writes a card number into the chat; 100 otherwise.
/// State: Count = replies, Misses = violations, Evidence = violating replies.
/// </summary>
internal sealed class ComplianceRule(IReadOnlyList<string>? phrases) : ICriterionRule
{
    public static readonly string[] DefaultPhrases =
    [
        "card number", "credit card number", "full card", "cvv", "cvc", "cvv2", "security code", "3 digit code",
        "three digit code", "your password", "your pin", "pin number", "social security number", "ssn",
        "expiry date and", "expiration date and",
    ];

    private static readonly PhraseSet AllowedQualifiers = new(["last 4", "last four", "last 4 digits", "last four digits"]);

    private readonly PhraseSet _forbidden = new(phrases ?? DefaultPhrases);

    public CriterionKind Kind => CriterionKind.Compliance;

    public void Observe(CriterionState state, MessageFacts message, ScorerState conversation)
    {
        if (!message.IsAgentReply)
        {
            return;
        }

        state.Count++;
        var words = message.Tokens;
        var asksForSecret = _forbidden.Matches(words) && !AllowedQualifiers.Matches(words);
        if (asksForSecret || PaymentCardDetector.ContainsCardNumber(message.Text))
        {
            state.Misses++;
            state.AddEvidence(message.MessageId);
        }
    }

    public int? Score(CriterionState state, ScorerState conversation) =>
        state.Count == 0 ? null : state.Misses > 0 ? 0 : 100;

    public string Explain(CriterionState state, ScorerState conversation) =>
        state.Count == 0 ? "No agent reply yet."
        : state.Misses == 0 ? "No request for card data, passwords or PINs."
        : $"{state.Misses} repl{(state.Misses == 1 ? "y asks" : "ies ask")} for or expose payment or secret data.";
}
