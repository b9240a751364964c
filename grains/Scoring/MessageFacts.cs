using CraftCX.Events;
using CraftCX.Text;

namespace CraftCX.Scoring;

/// <summary>What the rules need to know about one message, computed once before any rule looks at it.</summary>
/// <param name="ResponseSeconds">For an agent or bot message that answers a waiting customer: how long the customer waited.</param>
/// <param name="IsFirstResponse">Whether that answer is the conversation's first.</param>
/// <param name="Sentiment">For a customer message: its sentiment from -1 to +1.</param>
public sealed record MessageFacts(
    string MessageId,
    AuthorRole Role,
    bool Internal,
    string Text,
    TextTokens Tokens,
    DateTimeOffset At,
    double? ResponseSeconds,
    bool IsFirstResponse,
    double? Sentiment)
{
    /// <summary>A message by an agent or bot that the customer sees: what the scorecard judges.</summary>
    public bool IsAgentReply => Role is AuthorRole.Agent or AuthorRole.Bot && !Internal;

    public bool IsCustomer => Role == AuthorRole.Customer && !Internal;
}
