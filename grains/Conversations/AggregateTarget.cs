using CraftCX.Aggregation;

namespace CraftCX.Conversations;

/// <summary>One aggregate grain a conversation's contribution goes to.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.aggregate-target.v1")]
internal sealed record AggregateTarget(
    [property: Id(0)] AggregateLevel Level,
    [property: Id(1)] string Key);
