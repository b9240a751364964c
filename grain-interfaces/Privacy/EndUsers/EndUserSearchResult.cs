namespace CraftCX.Privacy.EndUsers;

/// <summary>What the index knows about one end user: their conversations, and any restriction or hold.</summary>
/// <param name="Erased">Conversations whose personal data an earlier erasure removed.</param>
[GenerateSerializer, Immutable, Alias("craftcx.end-user-search-result.v1")]
public sealed record EndUserSearchResult(
    [property: Id(0)] IReadOnlyList<EndUserMatch> Conversations,
    [property: Id(1)] EndUserRestriction? Restriction,
    [property: Id(2)] LegalHold? Hold,
    [property: Id(3)] IReadOnlyList<string> Erased)
{
    /// <summary>
    /// Identifiers shared by more conversations than an entry keeps (a placeholder such as a no-reply address):
    /// the list is incomplete, and an erasure by them is refused.
    /// </summary>
    [Id(4)] public IReadOnlyList<string> Ambiguous { get; init; } = [];
}
