namespace CraftCX.Aggregation;

/// <summary>A release addressed to one aggregate grain.</summary>
/// <param name="Key">The grain key: tenant/agent, tenant/workspace or tenant.</param>
[GenerateSerializer, Immutable, Alias("craftcx.aggregate-release.v1")]
public sealed record AggregateRelease(
    [property: Id(0)] AggregateLevel Level,
    [property: Id(1)] string Key,
    [property: Id(2)] ContributionRelease Release);
