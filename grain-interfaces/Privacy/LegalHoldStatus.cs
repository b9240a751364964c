namespace CraftCX.Privacy;

/// <summary>Whether a legal hold is set, and since when and why.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.legal-hold-status.v1")]
public sealed record LegalHoldStatus(
    [property: Id(0)] bool Held,
    [property: Id(1)] DateTimeOffset? Since = null,
    [property: Id(2)] string? Reason = null)
{
    public static LegalHoldStatus Of(LegalHold? hold) => hold is null ? new(false) : new(true, hold.Since, hold.Reason);
}
