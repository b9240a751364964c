namespace CraftCX.Scoring.Rules;

/// <summary>
/// Clarity of each agent reply, averaged: start at 100; long sentences (over 25 words each on average)
/// lose 2 points a word up to 40; shouting (over 30% of words in capitals) loses 30; "!!!"/"???" loses 10;
/// a wall of text (over 120 words) loses 10.
/// State: Count = replies, Sum = sum of reply scores, Evidence = replies under 70.
/// </summary>
internal sealed class ClarityRule : ICriterionRule
{
    public CriterionKind Kind => CriterionKind.Clarity;

    public void Observe(CriterionState state, MessageFacts message, ScorerState conversation)
    {
        if (!message.IsAgentReply)
        {
            return;
        }

        var score = ScoreReply(message);
        state.Count++;
        state.Sum += score;
        if (score < 70)
        {
            state.AddEvidence(message.MessageId);
        }
    }

    public static int ScoreReply(MessageFacts message)
    {
        var tokens = message.Tokens;
        var words = tokens.Count;
        if (words == 0)
        {
            return 100;
        }

        var score = 100;
        var wordsPerSentence = (double)words / Math.Max(1, tokens.Sentences);
        if (wordsPerSentence > 25)
        {
            score -= (int)Math.Min(40, Math.Round(2 * (wordsPerSentence - 25)));
        }

        if (words >= 3 && tokens.ShoutedWords > 0.3 * words)
        {
            score -= 30;
        }

        if (tokens.EmphasisRuns > 0)
        {
            score -= 10;
        }

        if (words > 120)
        {
            score -= 10;
        }

        return Math.Max(0, score);
    }

    public int? Score(CriterionState state, ScorerState conversation) =>
        state.Count == 0 ? null : (int)Math.Round(state.Sum / state.Count, MidpointRounding.AwayFromZero);

    public string Explain(CriterionState state, ScorerState conversation) =>
        state.Count == 0 ? "No agent reply yet."
        : state.Evidence.Count == 0 ? "Replies are short, plain sentences."
        : $"{state.Evidence.Count} repl{(state.Evidence.Count == 1 ? "y is" : "ies are")} hard to read (long sentences, capitals or repeated punctuation).";
}
