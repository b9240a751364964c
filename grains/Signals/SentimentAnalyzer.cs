using System.Globalization;
using CraftCX.Text;

namespace CraftCX.Signals;

/// <summary>
/// Lexicon-based sentiment of one message, from -1 to +1. No NuGet sentiment package is served here, so the
/// lexicon is our own (Scoring/Lexicons/sentiment-lexicon.tsv); the method follows VADER's outline: word
/// valences, negation in the three preceding words, intensifiers, and the normalisation x / sqrt(x² + 15).
/// </summary>
public sealed class SentimentAnalyzer
{
    private const double NegationFactor = -0.6;
    private const double Normalisation = 15;

    private static readonly HashSet<string> NegatorWords = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "cannot", "can't", "don't", "doesn't", "didn't", "won't", "isn't", "wasn't",
        "aren't", "weren't", "haven't", "hasn't", "hadn't", "shouldn't", "wouldn't", "couldn't", "nothing", "without",
    };

    private static readonly Dictionary<string, double> IntensifierWords = new(StringComparer.Ordinal)
    {
        ["very"] = 1.3, ["really"] = 1.3, ["so"] = 1.2, ["extremely"] = 1.5, ["totally"] = 1.3, ["absolutely"] = 1.4,
        ["completely"] = 1.4, ["super"] = 1.3, ["incredibly"] = 1.4, ["quite"] = 1.1,
        ["slightly"] = 0.6, ["somewhat"] = 0.7, ["bit"] = 0.7, ["little"] = 0.8,
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Negators = NegatorWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> Intensifiers = IntensifierWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> _valence;

    public SentimentAnalyzer(IReadOnlyDictionary<string, double> valence)
    {
        _valence = new Dictionary<string, double>(valence, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The analyser over the embedded lexicon.</summary>
    public static SentimentAnalyzer CreateDefault() => new(
        EmbeddedTsv.Read("sentiment-lexicon.tsv")
            .ToDictionary(r => r.Key, r => double.Parse(r.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal));

    /// <summary>Scores tokens; 0 when no lexicon word occurs.</summary>
    public double Score(TextTokens tokens)
    {
        var sum = 0.0;
        var hits = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens.Word(i);
            if (!_valence.TryGetValue(word, out var v))
            {
                continue;
            }

            // "not" alone is a negator, not a negative word, when something follows it.
            if (Negators.Contains(word) && i + 1 < tokens.Count)
            {
                continue;
            }

            hits++;
            for (var back = 1; back <= 3 && i - back >= 0; back++)
            {
                var previous = tokens.Word(i - back);
                if (Negators.Contains(previous) || previous.EndsWith("n't", StringComparison.Ordinal))
                {
                    v *= NegationFactor;
                    break;
                }

                if (back == 1 && Intensifiers.TryGetValue(previous, out var boost))
                {
                    v *= boost;
                }
            }

            sum += v;
        }

        if (hits == 0)
        {
            return 0;
        }

        if (tokens.Exclamations > 0)
        {
            sum += Math.Sign(sum) * 0.3 * Math.Min(3, tokens.Exclamations);
        }

        return Math.Round(sum / Math.Sqrt(sum * sum + Normalisation), 3);
    }
}
