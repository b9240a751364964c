namespace CraftCX.Events;

/// <summary>Checks on free text from callers (names, reasons, identifiers) before it is stored or compared.</summary>
public static class TextRules
{
    /// <summary>A surrogate without its pair: not Unicode text, and it cannot be encoded as UTF-8.</summary>
    public static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
