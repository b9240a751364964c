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
    [property: Id(6)] DateTimeOffset? DecidedAt = null)
{
    /// <summary>The id of the agent's key the dispute was filed with (the agent comes from that key, not the request).</summary>
    [Id(7)] public string? DisputedWithKey { get; init; }

    /// <summary>The id of the key the decision was made with.</summary>
    [Id(8)] public string? DecidedWithKey { get; init; }
}
