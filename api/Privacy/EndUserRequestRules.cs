using CraftCX.Api.Http;
using CraftCX.Events;
using CraftCX.Privacy.EndUsers;

namespace CraftCX.Api.Privacy;

/// <summary>Checks an end user's request before any grain sees it; a refusal names the field, never its value.</summary>
internal static class EndUserRequestRules
{
    public const int MaxIdentifierLength = 320;
    public const int MaxPhrases = 50;
    public const int MaxPhraseLength = 500;

    public static IResult? Check(EndUserRequest? request, out EndUserQuery query)
    {
        query = new EndUserQuery(request?.CustomerId, request?.Email, request?.Phone);
        if (request is null)
        {
            return Problems.BadRequest("Invalid end-user request", "The body must name the end user by customerId, email or phone.");
        }

        return CheckIdentifiers(request.CustomerId, request.Email, request.Phone) ?? Reasons.Check(request.Reason);
    }

    public static IResult? Check(VerifyRequest? request, out PersonalDataProbe probe)
    {
        probe = new PersonalDataProbe(new EndUserQuery(request?.CustomerId, request?.Email, request?.Phone), request?.Name, request?.Phrases ?? []);
        if (request is null)
        {
            return Problems.BadRequest("Invalid verification", "The body must name the end user by customerId, email or phone.");
        }

        if ((CheckIdentifiers(request.CustomerId, request.Email, request.Phone) ?? CheckText("name", request.Name, MaxIdentifierLength)) is { } invalid)
        {
            return invalid;
        }

        if (request.Phrases is { Count: > MaxPhrases })
        {
            return Problems.BadRequest("Invalid verification", $"phrases can hold at most {MaxPhrases} sentences.");
        }

        return request.Phrases?.Select(p => CheckText("phrases", p, MaxPhraseLength) ?? (string.IsNullOrWhiteSpace(p) ? Invalid("phrases cannot hold empty sentences.") : null))
            .FirstOrDefault(r => r is not null);
    }

    private static IResult? CheckIdentifiers(string? customerId, string? email, string? phone)
    {
        if ((CheckText("customerId", customerId, MaxIdentifierLength) ?? CheckText("email", email, MaxIdentifierLength) ?? CheckText("phone", phone, MaxIdentifierLength)) is { } invalid)
        {
            return invalid;
        }

        // An empty identifier is one not given.
        if (!string.IsNullOrWhiteSpace(email) && !email.Contains('@', StringComparison.Ordinal))
        {
            return Invalid("email must contain '@'.");
        }

        if (!string.IsNullOrWhiteSpace(phone) && EndUserPhone.Digits(phone) < EndUserPhone.MinDigits)
        {
            return Invalid($"phone must hold at least {EndUserPhone.MinDigits} digits.");
        }

        return string.IsNullOrWhiteSpace(customerId) && string.IsNullOrWhiteSpace(email) && string.IsNullOrWhiteSpace(phone)
            ? Invalid("Name the end user by customerId, email or phone.")
            : null;
    }

    private static IResult? CheckText(string field, string? value, int maxLength) =>
        value is null
            ? null
            : value.Length > maxLength
                ? Invalid($"{field} must be at most {maxLength} characters.")
                : value.Any(char.IsControl)
                    ? Invalid($"{field} cannot hold control characters.")
                    : TextRules.HasLoneSurrogate(value)
                        ? Invalid($"{field} is not valid Unicode.")
                        : null;

    private static IResult Invalid(string detail) => Problems.BadRequest("Invalid end-user request", detail);
}
