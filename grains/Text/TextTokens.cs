namespace CraftCX.Text;

/// <summary>Lower-cased word tokens of a message, computed once and shared by every rule that reads it.</summary>
public sealed class TextTokens
{
    private TextTokens(string[] words, int sentences, int shoutedWords, int emphasisRuns)
    {
        Words = words;
        Sentences = sentences;
        ShoutedWords = shoutedWords;
        EmphasisRuns = emphasisRuns;
    }

    public static TextTokens Empty { get; } = new([], 0, 0, 0);

    /// <summary>Words in order; apostrophes kept so that "don't" stays one token.</summary>
    public string[] Words { get; }

    /// <summary>Number of sentences (runs of text ended by . ! ? or the end).</summary>
    public int Sentences { get; }

    /// <summary>Words of three or more letters written all in capitals.</summary>
    public int ShoutedWords { get; }

    /// <summary>Runs such as "!!!" or "???" (three or more).</summary>
    public int EmphasisRuns { get; }

    /// <summary>Exclamation marks in the text, used as emphasis by the sentiment analyser.</summary>
    public int Exclamations { get; private init; }

    public static TextTokens Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Empty;
        }

        var words = new List<string>(Math.Min(256, text.Length / 4 + 1));
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

                words.Add(Normalize(text.AsSpan(start, i - start)));
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

        return new TextTokens(words.ToArray(), sentences, shouted, emphasisRuns) { Exclamations = exclamations };
    }

    private static bool IsInnerApostrophe(string text, int i) =>
        text[i] is '\'' or '\u2019' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && i > 0 && char.IsLetter(text[i - 1]);

    private static string Normalize(ReadOnlySpan<char> word)
    {
        Span<char> buffer = word.Length <= 128 ? stackalloc char[word.Length] : new char[word.Length];
        for (var j = 0; j < word.Length; j++)
        {
            var c = word[j];
            buffer[j] = c == '\u2019' ? '\'' : char.ToLowerInvariant(c);
        }

        return new string(buffer);
    }
}
