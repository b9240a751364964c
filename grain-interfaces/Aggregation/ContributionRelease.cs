namespace CraftCX.Aggregation;

/// <summary>
/// A conversation has stored that every aggregate applied its contribution of this version and revision: the
/// aggregates may forget the contribution itself, and the conversation's next one carries it as what it replaces.
/// </summary>
[GenerateSerializer, Immutable, Alias("craftcx.contribution-release.v1")]
public sealed record ContributionRelease(
    [property: Id(0)] string ConversationKey,
    [property: Id(1)] long Version,
    [property: Id(2)] int Revision);
