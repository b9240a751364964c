using System.Collections.Immutable;

namespace CraftCX.Calibration;

/// <summary>One reviewed conversation's scores by every rater, as its workspace's calibration keeps them.</summary>
/// <param name="Reviews">The latest counting review per reviewer.</param>
/// <param name="Version">Grows with every change of the conversation's reviews or AI scores; an older sample never replaces a newer one.</param>
[GenerateSerializer, Immutable, Alias("craftcx.calibration-sample.v1")]
public sealed record CalibrationSample(
    [property: Id(0)] string Conversation,
    [property: Id(1)] ImmutableArray<ScoredCriterion> Ai,
    [property: Id(2)] ImmutableArray<ScoredCriterion> Rule,
    [property: Id(3)] ImmutableArray<CalibrationReview> Reviews,
    [property: Id(4)] int OpenDisputes,
    [property: Id(5)] int AcceptedDisputes,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] long Version);
