using System.Buffers;

namespace CraftCX.Text;

/// <summary>
/// Lower-cased word tokens of a message, computed once and shared by every rule that reads it. Words are ranges
/// over one lower-cased copy of the text, so tokenising allocates two objects instead of one string per word.
/// </summary>
public sealed class TextTokens
{
    private readonly string _lowered;
    private readonly (int Start, int Length)[] _ranges;

    private TextTokens(string lowered, (int Start, int Length)[] ranges, int sentences, int shoutedWords, int emphasisRuns, int exclamations)
    {
        _lowered = lowered;
        _ranges = ranges;
        Sentences = sentences;
        ShoutedWords = shoutedWords;
        EmphasisRuns = emphasisRuns;
        Exclamations = exclamations;
    }

    public static TextTokens Empty { get; } = new(string.Empty, [], 0, 0, 0, 0);

    /// <summary>Number of words; apostrophes inside a word keep "don't" one word.</summary>
    public int Count => _ranges.Length;

    /// <summary>Number of sentences (runs of text ended by . ! ? or the end).</summary>
    public int Sentences { get; }

    /// <summary>Words of three or more letters written all in capitals.</summary>
    public int ShoutedWords { get; }

    /// <summary>Runs such as "!!!" or "???" (three or more).</summary>
    public int EmphasisRuns { get; }

    /// <summary>Exclamation marks in the text, used as emphasis by the sentiment analyser.</summary>
    public int Exclamations { get; }

    /// <summary>The words as strings (allocates; for building phrase sets and for tests).</summary>
    public string[] Words => _ranges.Select(r => _lowered.Substring(r.Start, r.Length)).ToArray();

    public ReadOnlySpan<char> Word(int index) => _lowered.AsSpan(_ranges[index].Start, _ranges[index].Length);

    public static TextTokens Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Empty;
        }

        var lowered = string.Create(text.Length, text, static (target, source) =>
        {
            for (var j = 0; j < source.Length; j++)
            {
                var c = source[j];
                target[j] = c == '\u2019' ? '\'' : char.ToLowerInvariant(c);
            }
        });

        // At most one word per two characters; rent instead of growing a list, then copy out the exact count.
        var rented = ArrayPool<(int, int)>.Shared.Rent(text.Length / 2 + 1);
        var count = 0;
        var sentences = 0;
        var inSentence = false;
        var shouted = 0;
        var emphasisRuns = 0;
        var exclamations = 0;
        var punctuationRun = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                var upper = 0;
                var letters = 0;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || IsInnerApostrophe(text, i)))
                {
                    if (char.IsLetter(text[i]))
                    {
                        letters++;
                        if (char.IsUpper(text[i]))
                        {
                            upper++;
                        }
                    }

                    i++;
                }

                if (letters >= 3 && upper == letters)
                {
                    shouted++;
                }

                rented[count++] = (start, i - start);
                inSentence = true;
                punctuationRun = 0;
                continue;
            }

            if (c is '.' or '!' or '?')
            {
                if (c == '!')
                {
                    exclamations++;
                }

                punctuationRun++;
                if (punctuationRun == 3 && c != '.')
                {
                    emphasisRuns++;
                }

                if (inSentence)
                {
                    sentences++;
                    inSentence = false;
                }
            }
            else if (!char.IsWhiteSpace(c))
            {
                punctuationRun = 0;
            }

            i++;
        }

        if (inSentence)
        {
            sentences++;
        }

        var ranges = rented.AsSpan(0, count).ToArray();
        ArrayPool<(int, int)>.Shared.Return(rented);
        return new TextTokens(lowered, ranges, sentences, shouted, emphasisRuns, exclamations);
    }

    private static bool IsInnerApostrophe(string text, int i) =>
        text[i] is '\'' or '\u2019' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && i > 0 && char.IsLetter(text[i - 1]);
}
