using CraftCX.Text;

namespace CraftCX.Scoring.Rules;

/// <summary>
/// Tone: starts at 100; a reply with rude or dismissive wording loses 40, shouting loses 20, chat-speak loses 10.
/// State: Count = replies, Penalty = points lost, Evidence = penalised replies.
/// </summary>
internal sealed class ProfessionalismRule(IReadOnlyList<string>? phrases) : ICriterionRule
{
    public static readonly string[] DefaultPhrases =
    [
        "stupid", "idiot", "dumb", "shut up", "whatever", "not my problem", "calm down", "deal with it", "your fault",
        "you people", "obviously", "as i already said", "i already told you", "read the", "damn", "hell", "crap", "wtf",
        "i don't care", "figure it out", "ridiculous", "bother me",
    ];

    private static readonly PhraseSet ChatSpeak = new(
    [
        "lol", "lmao", "omg", "idk", "u", "ur", "pls", "plz", "k", "ya", "gonna", "wanna", "dunno", "thx", "brb",
    ]);

    private readonly PhraseSet _rude = new(phrases ?? DefaultPhrases);

    public CriterionKind Kind => CriterionKind.Professionalism;

    public void Observe(CriterionState state, MessageFacts message, ScorerState conversation)
    {
        if (!message.IsAgentReply)
        {
            return;
        }

        state.Count++;
        var words = message.Tokens;
        var penalty = 0;
        if (_rude.Matches(words))
        {
            penalty += 40;
        }

        if (words.Count >= 3 && message.Tokens.ShoutedWords > 0.3 * words.Count)
        {
            penalty += 20;
        }

        if (ChatSpeak.Matches(words))
        {
            penalty += 10;
        }

        if (penalty > 0)
        {
            state.Penalty += penalty;
            state.AddEvidence(message.MessageId);
        }
    }

    public int? Score(CriterionState state, ScorerState conversation) =>
        state.Count == 0 ? null : Math.Max(0, 100 - state.Penalty);

    public string Explain(CriterionState state, ScorerState conversation) =>
        state.Count == 0 ? "No agent reply yet."
        : state.Penalty == 0 ? "Courteous, professional wording."
        : $"{state.Evidence.Count} repl{(state.Evidence.Count == 1 ? "y" : "ies")} with rude, shouted or chat-speak wording.";
}
