using CraftCX.Events;

namespace CraftCX.Api.Http;

/// <summary>The free-text reason of a hold, restriction, suspension or termination: short, printable, shown to admins, never logged.</summary>
internal static class Reasons
{
    public const int MaxLength = 500;

    public static IResult? Check(string? reason) =>
        reason is not null && (reason.Length > MaxLength || reason.Any(char.IsControl) || TextRules.HasLoneSurrogate(reason))
            ? Problems.BadRequest("Invalid reason", $"reason must be at most {MaxLength} characters of text without control characters.")
            : null;
}
