namespace CraftCX.Calibration;

/// <summary>
/// How well two raters agree on the same conversations' scores for one criterion.
/// </summary>
/// <param name="MeanAbsoluteDifference">Mean of |a − b| in score points; null without pairs.</param>
/// <param name="ShareWithin10">Share of pairs at most 10 points apart; null without pairs.</param>
/// <param name="WeightedKappa">Cohen's kappa with quadratic weights on five 20-point bands; null when undefined (no pairs, or both raters always in one band).</param>
[GenerateSerializer, Immutable, Alias("craftcx.agreement.v1")]
public sealed record Agreement(
    [property: Id(0)] int Pairs,
    [property: Id(1)] double? MeanAbsoluteDifference,
    [property: Id(2)] double? ShareWithin10,
    [property: Id(3)] double? WeightedKappa);
