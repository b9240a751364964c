using System.Text.RegularExpressions;

namespace CraftCX.Privacy.EndUsers;

/// <summary>
/// Finds a probe's values in free text: identifiers, the name and sentences compared without case, a phone by
/// its last seven digits in any run of digits however it is written.
/// </summary>
internal sealed partial class PersonalDataMatcher
{
    private const int PhoneDigitsCompared = 7;

    private readonly (string Kind, string Value)[] _needles;
    private readonly string? _phone;

    public PersonalDataMatcher(PersonalDataProbe probe)
    {
        var needles = new List<(string, string)>();
        // The email first: it usually contains the customer id, and the finding should name the longer match.
        Add(needles, EndUserIdentifiers.Email, probe.Identifiers.Email);
        Add(needles, EndUserIdentifiers.CustomerId, probe.Identifiers.CustomerId);
        Add(needles, "name", probe.Name);
        foreach (var phrase in probe.Phrases)
        {
            Add(needles, "phrase", phrase);
        }

        _needles = needles.ToArray();
        var digits = EndUserIdentifiers.PhoneDigits(probe.Identifiers.Phone);
        _phone = digits?[^PhoneDigitsCompared..];
    }

    /// <summary>The kind of the first value found in the text, or null.</summary>
    public string? Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        foreach (var (kind, value) in _needles)
        {
            if (text.Contains(value, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        if (_phone is not null)
        {
            foreach (Match run in DigitRuns().Matches(text))
            {
                if (EndUserIdentifiers.PhoneDigits(run.Value) is { } digits && digits.Contains(_phone, StringComparison.Ordinal))
                {
                    return EndUserIdentifiers.Phone;
                }
            }
        }

        return null;
    }

    private static void Add(List<(string, string)> needles, string kind, string? value)
    {
        // Shorter values would match inside ordinary words.
        if (value?.Trim() is { Length: >= 3 } trimmed)
        {
            needles.Add((kind, trimmed));
        }
    }

    [GeneratedRegex(@"\+?\d[\d\s().-]{5,}\d", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex DigitRuns();
}
