namespace CraftCX.Aggregation;

/// <summary>Scores of the conversations handled by humans, by bots, or by both.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.handler-comparison.v1")]
public sealed record HandlerComparison(
    [property: Id(0)] HandledBy HandledBy,
    [property: Id(1)] long Conversations,
    [property: Id(2)] double MeanOverall,
    [property: Id(3)] IReadOnlyDictionary<string, double> MeanByCriterion);
