namespace CraftCX.Privacy.EndUsers;

/// <summary>A restriction of processing (the end user objected or contests the data): since when, and why.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.end-user-restriction.v1")]
public sealed record EndUserRestriction(
    [property: Id(0)] DateTimeOffset Since,
    [property: Id(1)] string? Reason);
