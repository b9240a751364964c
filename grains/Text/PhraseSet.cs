namespace CraftCX.Text;

/// <summary>
/// Word-boundary phrase matching over tokens: phrases are indexed by their first word, so matching costs
/// one dictionary look-up per token whatever the number of phrases.
/// </summary>
public sealed class PhraseSet
{
    private readonly Dictionary<string, string[][]> _byFirstWord;

    public PhraseSet(IEnumerable<string> phrases)
    {
        _byFirstWord = phrases
            .Select(p => TextTokens.Parse(p).Words)
            .Where(words => words.Length > 0)
            .GroupBy(words => words[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(w => w.Length).ToArray(), StringComparer.Ordinal);
        Count = _byFirstWord.Values.Sum(v => v.Length);
    }

    public int Count { get; }

    /// <summary>Whether any phrase occurs in the words.</summary>
    public bool Matches(string[] words) => FirstMatch(words) >= 0;

    /// <summary>Index of the first word where a phrase starts, or -1.</summary>
    public int FirstMatch(string[] words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (MatchesAt(words, i))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>How many phrase occurrences the words hold (overlaps counted once per start word).</summary>
    public int CountMatches(string[] words)
    {
        var count = 0;
        for (var i = 0; i < words.Length; i++)
        {
            if (MatchesAt(words, i))
            {
                count++;
            }
        }

        return count;
    }

    public bool MatchesAt(string[] words, int start)
    {
        if (!_byFirstWord.TryGetValue(words[start], out var candidates))
        {
            return false;
        }

        foreach (var phrase in candidates)
        {
            if (start + phrase.Length > words.Length)
            {
                continue;
            }

            var all = true;
            for (var k = 1; k < phrase.Length; k++)
            {
                if (!string.Equals(words[start + k], phrase[k], StringComparison.Ordinal))
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }
}
