namespace CraftCX.Reviews;

/// <summary>An agent's dispute of a review and, once decided, the decision.</summary>
/// <param name="Status">open, accepted or rejected (<see cref="DisputeStatus"/>).</param>
[GenerateSerializer, Immutable, Alias("craftcx.review-dispute.v1")]
public sealed record ReviewDispute(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset RaisedAt,
    [property: Id(3)] string Status,
    [property: Id(4)] string? DecidedBy = null,
    [property: Id(5)] string? DecisionComment = null,
    [property: Id(6)] DateTimeOffset? DecidedAt = null);
