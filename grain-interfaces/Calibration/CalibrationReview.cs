using System.Collections.Immutable;

namespace CraftCX.Calibration;

/// <summary>A reviewer's latest counting review of a conversation, as calibration sees it.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.calibration-review.v1")]
public sealed record CalibrationReview(
    [property: Id(0)] string ReviewerId,
    [property: Id(1)] ImmutableArray<ScoredCriterion> Scores);
