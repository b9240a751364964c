using System.Globalization;
using System.Text;
using CraftCX.Events;

namespace CraftCX.Privacy.EndUsers;

/// <summary>
/// The normal form of each kind of identifier, so that the same person is found however the helpdesk or the
/// privacy team wrote it: case and fullwidth forms folded, spaces trimmed, a phone reduced to its last ten digits.
/// </summary>
internal static class EndUserIdentifiers
{
    public const string CustomerId = "customerId";
    public const string Email = "email";
    public const string Phone = "phone";

    /// <summary>Fewer digits than this cannot tell one phone from another.</summary>
    public const int MinPhoneDigits = EndUserPhone.MinDigits;

    // Country codes and trunk prefixes differ in how people write a number; the national part does not.
    private const int PhoneDigitsKept = 10;

    /// <summary>The kinds and normal forms of the identifiers given; the ones empty after normalising are left out.</summary>
    public static IReadOnlyList<(string Kind, string Value)> Of(string? customerId, string? email, string? phone)
    {
        var found = new List<(string, string)>(3);
        if (Text(customerId) is { } id)
        {
            found.Add((CustomerId, id));
        }

        if (Text(email) is { } address)
        {
            found.Add((Email, address));
        }

        if (PhoneDigits(phone) is { } digits)
        {
            found.Add((Phone, digits));
        }

        return found;
    }

    public static IReadOnlyList<(string Kind, string Value)> Of(CustomerRef customer) => Of(customer.Id, customer.Email, customer.Phone);

    public static IReadOnlyList<(string Kind, string Value)> Of(EndUserQuery query) => Of(query.CustomerId, query.Email, query.Phone);

    /// <summary>The last ten digits (any script's decimal digits, as ASCII), or null when fewer than seven.</summary>
    public static string? PhoneDigits(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = new StringBuilder(phone.Length);
        foreach (var c in phone)
        {
            if (CharUnicodeInfo.GetDecimalDigitValue(c) is var value and >= 0)
            {
                digits.Append((char)('0' + value));
            }
        }

        return digits.Length < MinPhoneDigits ? null : digits.Length > PhoneDigitsKept ? digits.ToString(digits.Length - PhoneDigitsKept, PhoneDigitsKept) : digits.ToString();
    }

    // The build runs with invariant globalization (no ICU), so Unicode normalisation is not available: fullwidth
    // forms, which East Asian keyboards type, are folded by hand.
    private static string? Text(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var folded = new StringBuilder(value.Length);
        foreach (var c in value.Trim())
        {
            folded.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                _ => c,
            });
        }

        return folded.ToString().Trim().ToLowerInvariant();
    }
}
