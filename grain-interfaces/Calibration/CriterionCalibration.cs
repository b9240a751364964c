namespace CraftCX.Calibration;

/// <summary>Agreement on one criterion (or all pooled): AI vs reviewers, rule scorer vs reviewers, reviewers among themselves.</summary>
/// <param name="CriterionId">A criterion id, or "all" for every criterion's pairs together.</param>
[GenerateSerializer, Immutable, Alias("craftcx.criterion-calibration.v1")]
public sealed record CriterionCalibration(
    [property: Id(0)] string CriterionId,
    [property: Id(1)] Agreement AiVsHuman,
    [property: Id(2)] Agreement RuleVsHuman,
    [property: Id(3)] Agreement HumanVsHuman);
