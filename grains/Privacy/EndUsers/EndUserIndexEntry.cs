namespace CraftCX.Privacy.EndUsers;

/// <summary>A copy of one index entry.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.end-user-index-entry.v1")]
internal sealed record EndUserIndexEntry(
    [property: Id(0)] IReadOnlyList<string> Conversations,
    [property: Id(1)] EndUserRestriction? Restriction,
    [property: Id(2)] LegalHold? Hold,
    [property: Id(3)] IReadOnlyList<string> Erased,
    [property: Id(4)] bool Overflowed = false);
