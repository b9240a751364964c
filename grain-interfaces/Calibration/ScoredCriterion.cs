namespace CraftCX.Calibration;

/// <summary>One criterion's 0–100 score by one rater (a reviewer, the AI or the rule scorer).</summary>
[GenerateSerializer, Immutable, Alias("craftcx.scored-criterion.v1")]
public sealed record ScoredCriterion(
    [property: Id(0)] string CriterionId,
    [property: Id(1)] int Score);
