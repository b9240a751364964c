using System.Text.RegularExpressions;

namespace CraftCX.Text;

/// <summary>Cheap detectors for personal data in message text (the "PII seen" label and redaction).</summary>
internal static partial class PersonalDataPatterns
{
    public static bool ContainsPersonalData(string? text) =>
        !string.IsNullOrEmpty(text) && (Email().IsMatch(text) || Phone().IsMatch(text) || PaymentCardDetector.ContainsCardNumber(text));

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    internal static partial Regex Email();

    // Seven or more digits in phone-like groups, e.g. (977) 625-2661 or +44 20 7946 0958.
    [GeneratedRegex(@"(?<!\d)(\+?\d{1,3}[\s.-]?)?(\(\d{2,4}\)|\d{2,4})[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?!\d)", RegexOptions.CultureInvariant)]
    internal static partial Regex Phone();
}
