using System.Text.RegularExpressions;
using CraftCX.Text;

namespace CraftCX.Privacy;

/// <summary>
/// Replaces personal data in text by typed placeholders before the text leaves for a model: email addresses, IBANs
/// (checksum-verified), payment card numbers (Luhn-checked), national-id-like numbers, phone numbers, and the
/// customer's own name, username and phone however they are written. Over-redacting a number is the safe side.
/// </summary>
internal static partial class PiiRedactor
{
    public static string Redact(string? text, CustomerIdentity? customer, RedactionTally tally)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        text = PersonalDataPatterns.Email().Replace(text, _ => tally.Replace(RedactionPlaceholders.Email));
        text = IbanCandidate().Replace(text, m => RedactIban(m.Value, tally));
        text = RedactCards(text, tally);
        text = LabelledId().Replace(text, m => m.Groups["label"].Value + m.Groups["separator"].Value + tally.Replace(RedactionPlaceholders.NationalId));
        text = NationalIdShape().Replace(text, _ => tally.Replace(RedactionPlaceholders.NationalId));
        text = PersonalDataPatterns.Phone().Replace(text, _ => tally.Replace(RedactionPlaceholders.Phone));
        return customer?.Redact(text, tally) ?? text;
    }

    // A candidate may run on into the next word ("DE89 3704 ... 00 please"): the longest valid prefix of whole groups wins.
    private static string RedactIban(string candidate, RedactionTally tally)
    {
        var groups = candidate.Split(' ');
        for (var take = groups.Length; take >= 1; take--)
        {
            var prefix = string.Join(' ', groups, 0, take);
            if (IbanChecksum.IsValid(prefix))
            {
                var rest = string.Join(' ', groups, take, groups.Length - take);
                return tally.Replace(RedactionPlaceholders.Iban) + (rest.Length > 0 ? " " + rest : string.Empty);
            }
        }

        return candidate;
    }

    private static string RedactCards(string text, RedactionTally tally)
    {
        if (!PaymentCardDetector.TryFind(text, 0, out var start, out var length))
        {
            return text;
        }

        var result = new System.Text.StringBuilder(text.Length);
        var from = 0;
        do
        {
            result.Append(text, from, start - from).Append(tally.Replace(RedactionPlaceholders.PaymentCard));
            from = start + length;
        }
        while (PaymentCardDetector.TryFind(text, from, out start, out length));

        return result.Append(text, from, text.Length - from).ToString();
    }

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IbanCandidate();

    // A number introduced as an identity document: whatever its national format.
    [GeneratedRegex(@"\b(?<label>ssn|social security(?: number| no\.?)?|national (?:id|insurance)(?: number| no\.?)?|passport(?: number| no\.?)?|id number|tax id|driver'?s licen[cs]e(?: number| no\.?)?)(?<separator>\W{1,3})(?<value>[A-Z0-9][A-Z0-9-]{3,19})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LabelledId();

    // US social security number shape (123-45-6789) and UK national insurance number shape (QQ 12 34 56 C).
    [GeneratedRegex(@"(?<!\d)\d{3}[- ]\d{2}[- ]\d{4}(?!\d)|\b[A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NationalIdShape();
}
