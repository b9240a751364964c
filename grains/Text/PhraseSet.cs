namespace CraftCX.Text;

/// <summary>
/// Word-boundary phrase matching over tokens: phrases are indexed by their first word and looked up by span, so
/// matching costs one dictionary probe per token, allocates nothing, and does not depend on the number of phrases.
/// </summary>
internal sealed class PhraseSet
{
    private readonly Dictionary<string, string[][]>.AlternateLookup<ReadOnlySpan<char>> _byFirstWord;

    public PhraseSet(IEnumerable<string> phrases)
    {
        var byFirstWord = phrases
            .Select(p => TextTokens.Parse(p).Words)
            .Where(words => words.Length > 0)
            .GroupBy(words => words[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(w => w.Length).ToArray(), StringComparer.Ordinal);
        Count = byFirstWord.Values.Sum(v => v.Length);
        _byFirstWord = byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count { get; }

    /// <summary>Whether any phrase occurs in the tokens.</summary>
    public bool Matches(TextTokens tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (MatchesAt(tokens, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How many phrase occurrences the tokens hold (overlaps counted once per start word).</summary>
    public int CountMatches(TextTokens tokens)
    {
        var count = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (MatchesAt(tokens, i))
            {
                count++;
            }
        }

        return count;
    }

    public bool MatchesAt(TextTokens tokens, int start)
    {
        if (!_byFirstWord.TryGetValue(tokens.Word(start), out var candidates))
        {
            return false;
        }

        foreach (var phrase in candidates)
        {
            if (start + phrase.Length > tokens.Count)
            {
                continue;
            }

            var all = true;
            for (var k = 1; k < phrase.Length; k++)
            {
                if (!tokens.Word(start + k).SequenceEqual(phrase[k]))
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
