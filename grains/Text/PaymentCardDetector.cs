namespace CraftCX.Text;

/// <summary>Finds payment card numbers (13–19 digits, spaces or dashes allowed between) that pass the Luhn check.</summary>
internal static class PaymentCardDetector
{
    public static bool ContainsCardNumber(string? text) => !string.IsNullOrEmpty(text) && TryFind(text, 0, out _, out _);

    /// <summary>The first card number at or after <paramref name="from"/>: where it starts and its length in characters.</summary>
    public static bool TryFind(string text, int from, out int start, out int length)
    {
        Span<int> digits = stackalloc int[19];
        var i = from;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]) || (i > 0 && char.IsAsciiDigit(text[i - 1])))
            {
                i++;
                continue;
            }

            // Collect a digit run that may contain single spaces or dashes between digit groups.
            var count = 0;
            var j = i;
            while (j < text.Length && count < 20)
            {
                if (char.IsAsciiDigit(text[j]))
                {
                    if (count < 19)
                    {
                        digits[count] = text[j] - '0';
                    }

                    count++;
                    j++;
                }
                else if (text[j] is ' ' or '-' && j + 1 < text.Length && char.IsAsciiDigit(text[j + 1]))
                {
                    j++;
                }
                else
                {
                    break;
                }
            }

            if (count is >= 13 and <= 19 && PassesLuhn(digits[..count]))
            {
                start = i;
                length = j - i;
                return true;
            }

            i = Math.Max(j, i + 1);
        }

        start = length = 0;
        return false;
    }

    public static bool PassesLuhn(ReadOnlySpan<int> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var k = digits.Length - 1; k >= 0; k--)
        {
            var d = digits[k];
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }
}
