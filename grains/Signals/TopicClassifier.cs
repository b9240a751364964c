using CraftCX.Text;

namespace CraftCX.Signals;

/// <summary>Topic labels from keyword phrases (Scoring/Lexicons/topics.tsv) found in customer text.</summary>
public sealed class TopicClassifier
{
    private readonly (string Topic, PhraseSet Phrases)[] _topics;

    public TopicClassifier(IEnumerable<(string Topic, string Phrase)> phrases)
    {
        _topics = phrases
            .GroupBy(p => p.Topic, StringComparer.Ordinal)
            .Select(g => (g.Key, new PhraseSet(g.Select(p => p.Phrase))))
            .ToArray();
    }

    public static TopicClassifier CreateDefault() => new(EmbeddedTsv.Read("topics.tsv"));

    /// <summary>Every topic this classifier knows.</summary>
    public IEnumerable<string> Topics => _topics.Select(t => t.Topic);

    /// <summary>The topics whose phrases occur in the words.</summary>
    public IEnumerable<string> Classify(TextTokens words)
    {
        foreach (var (topic, phrases) in _topics)
        {
            if (phrases.Matches(words))
            {
                yield return topic;
            }
        }
    }
}
