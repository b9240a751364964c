namespace CraftCX.Reviews;

/// <summary>A reviewer's score for one scorecard criterion, with an optional comment.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.review-criterion-score.v1")]
public sealed record ReviewCriterionScore(
    [property: Id(0)] string CriterionId,
    [property: Id(1)] int Score,
    [property: Id(2)] string? Comment = null);
