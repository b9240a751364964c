using System.Collections.Immutable;

namespace CraftCX.Reviews;

/// <summary>One human review of a conversation, as stored.</summary>
/// <param name="ReviewId">r1, r2, … in the order reviews arrived for the conversation.</param>
/// <param name="SubmittedWithKey">The id of the API key that submitted it, for the audit trail.</param>
/// <param name="IdempotencyKey">The client's Idempotency-Key of the submission, if it sent one.</param>
[GenerateSerializer, Immutable, Alias("craftcx.conversation-review.v1")]
public sealed record ConversationReview(
    [property: Id(0)] string ReviewId,
    [property: Id(1)] string ReviewerId,
    [property: Id(2)] DateTimeOffset SubmittedAt,
    [property: Id(3)] ImmutableArray<ReviewCriterionScore> Scores,
    [property: Id(4)] string? Comment,
    [property: Id(5)] string? SubmittedWithKey,
    [property: Id(6)] ReviewDispute? Dispute,
    [property: Id(7)] string? IdempotencyKey = null)
{
    /// <summary>False once a dispute of it was accepted.</summary>
    public bool CountsInCalibration => Dispute?.Status != DisputeStatus.Accepted;
}
