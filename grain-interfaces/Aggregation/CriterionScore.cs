namespace CraftCX.Aggregation;

/// <summary>A conversation's current 0–100 score on one criterion.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.criterion-score.v1")]
public sealed record CriterionScore(
    [property: Id(0)] string CriterionId,
    [property: Id(1)] int Score);
