using System.Text.RegularExpressions;
using CraftCX.Events;

namespace CraftCX.Privacy;

/// <summary>
/// What a conversation knows about its customer (name, username or id, email, phone), turned into matchers so that
/// these exact values are redacted wherever they appear, in any case, even where no generic pattern would see them.
/// </summary>
internal sealed partial class CustomerIdentity
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private readonly Regex? _ids;
    private readonly Regex? _names;
    private readonly string? _phoneDigits;

    private CustomerIdentity(IReadOnlyCollection<string> ids, IReadOnlyCollection<string> names, string? phoneDigits)
    {
        _ids = WholeWords(ids);
        _names = WholeWords(names);
        _phoneDigits = phoneDigits;
    }

    /// <summary>Null when the reference holds nothing to look for.</summary>
    public static CustomerIdentity? From(CustomerRef? customer)
    {
        if (customer is null)
        {
            return null;
        }

        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (customer.Id is { Length: >= 3 } id)
        {
            ids.Add(id);
        }

        // The local part of an email is usually the username the customer types elsewhere.
        if (customer.Email?.Split('@')[0] is { Length: >= 4 } localPart)
        {
            ids.Add(localPart);
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (customer.Name ?? string.Empty).Split([' ', '.', ',', '-', '\''], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length >= 2)
            {
                names.Add(part);
            }
        }

        var phoneDigits = customer.Phone is null ? null : new string(customer.Phone.Where(char.IsAsciiDigit).ToArray());
        if (phoneDigits is { Length: < 7 })
        {
            phoneDigits = null;
        }

        return ids.Count == 0 && names.Count == 0 && phoneDigits is null ? null : new CustomerIdentity(ids, names, phoneDigits);
    }

    public string Redact(string text, RedactionTally tally)
    {
        if (_phoneDigits is not null)
        {
            text = DigitRuns().Replace(text, m => EndsWithPhone(m.Value) ? tally.Replace(RedactionPlaceholders.Phone) : m.Value);
        }

        if (_ids is not null)
        {
            text = _ids.Replace(text, _ => tally.Replace(RedactionPlaceholders.CustomerId));
        }

        if (_names is not null)
        {
            text = _names.Replace(text, _ => tally.Replace(RedactionPlaceholders.CustomerName));
        }

        return text;
    }

    // The last seven digits identify a number written with or without its country or area code.
    private bool EndsWithPhone(string run)
    {
        var digits = new string(run.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 7 && _phoneDigits!.EndsWith(digits[^7..], StringComparison.Ordinal);
    }

    private static Regex? WholeWords(IReadOnlyCollection<string> words) =>
        words.Count == 0
            ? null
            : new Regex(
                @"(?<![\p{L}\p{N}_])(?:" + string.Join('|', words.OrderByDescending(w => w.Length).Select(Regex.Escape)) + @")(?![\p{L}\p{N}_])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                MatchTimeout);

    [GeneratedRegex(@"\+?\d[\d\s().-]{5,}\d", RegexOptions.CultureInvariant)]
    private static partial Regex DigitRuns();
}
