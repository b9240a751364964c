namespace CraftCX.Aggregation;

/// <summary>A contribution addressed to one aggregate grain.</summary>
/// <param name="Key">The grain key: tenant/agent, tenant/workspace or tenant.</param>
[GenerateSerializer, Immutable, Alias("craftcx.aggregate-update.v1")]
public sealed record AggregateUpdate(
    [property: Id(0)] AggregateLevel Level,
    [property: Id(1)] string Key,
    [property: Id(2)] ScoreContribution Contribution);
