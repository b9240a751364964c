namespace CraftCX.Reviews;

/// <summary>An agent disputing a review of a conversation they handled.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.dispute-submission.v1")]
public sealed record DisputeSubmission(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string Reason);
