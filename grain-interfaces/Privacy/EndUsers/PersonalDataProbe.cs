namespace CraftCX.Privacy.EndUsers;

/// <summary>What a verification looks for: the end user's identifiers, their name, and sentences they wrote.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.personal-data-probe.v1")]
public sealed record PersonalDataProbe(
    [property: Id(0)] EndUserQuery Identifiers,
    [property: Id(1)] string? Name,
    [property: Id(2)] IReadOnlyList<string> Phrases);
