namespace CraftCX.Reviews;

/// <summary>
/// A supervisor's decision on a dispute: <c>accepted</c> (the agent is right: the review no longer counts in
/// calibration) or <c>rejected</c> (the review stands).
/// </summary>
[GenerateSerializer, Immutable, Alias("craftcx.dispute-decision.v1")]
public sealed record DisputeDecision(
    [property: Id(0)] string DecidedBy,
    [property: Id(1)] string Outcome,
    [property: Id(2)] string? Comment = null);
