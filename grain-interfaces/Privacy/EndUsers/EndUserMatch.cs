namespace CraftCX.Privacy.EndUsers;

/// <summary>One conversation about the end user, and which of the given identifiers found it.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.end-user-match.v1")]
public sealed record EndUserMatch(
    [property: Id(0)] string Conversation,
    [property: Id(1)] IReadOnlyList<string> MatchedBy);
