namespace CraftCX.Privacy;

/// <summary>ISO 13616 check: an IBAN is valid when its rearranged digits are 1 modulo 97.</summary>
internal static class IbanChecksum
{
    public static bool IsValid(ReadOnlySpan<char> candidate)
    {
        Span<char> compact = stackalloc char[34];
        var length = 0;
        foreach (var c in candidate)
        {
            if (c == ' ')
            {
                continue;
            }

            if (length == compact.Length || !char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }

            compact[length++] = char.ToUpperInvariant(c);
        }

        if (length < 15 || !char.IsAsciiLetter(compact[0]) || !char.IsAsciiLetter(compact[1]) || !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3]))
        {
            return false;
        }

        // Country code and check digits move to the end; letters count as 10..35; the remainder is taken digit by digit.
        var remainder = 0;
        for (var k = 0; k < length; k++)
        {
            var c = compact[(k + 4) % length];
            remainder = char.IsAsciiDigit(c)
                ? (remainder * 10 + (c - '0')) % 97
                : (remainder * 100 + (c - 'A' + 10)) % 97;
        }

        return remainder == 1;
    }
}
