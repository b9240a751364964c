namespace CraftCX.Privacy;

/// <summary>A legal hold: while it is set, retention removes nothing of what it covers.</summary>
/// <param name="Reason">Why, as the customer's legal team gives it (a case number); shown to admins, never logged.</param>
[GenerateSerializer, Immutable, Alias("craftcx.legal-hold.v1")]
public sealed record LegalHold(
    [property: Id(0)] DateTimeOffset Since,
    [property: Id(1)] string? Reason);
