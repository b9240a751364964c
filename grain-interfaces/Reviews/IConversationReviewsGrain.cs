namespace CraftCX.Reviews;

/// <summary>The human reviews of one conversation and the agents' disputes of them; key tenant/conversation.</summary>
[Alias("craftcx.IConversationReviewsGrain")]
public interface IConversationReviewsGrain : IGrainWithStringKey, Encryption.ISealedStateOwner
{
    /// <param name="submittedWithKey">The API key id, recorded for the audit trail.</param>
    /// <param name="idempotencyKey">The client's key for this submission: a retry with the same key returns the review it made instead of adding another.</param>
    Task<ReviewResult> SubmitAsync(ReviewSubmission submission, string? submittedWithKey, string? idempotencyKey);

    /// <param name="disputedWithKey">The id of the agent's key; recorded with the dispute.</param>
    Task<ReviewResult> DisputeAsync(string reviewId, DisputeSubmission dispute, string? disputedWithKey);

    /// <param name="decidedWithKey">The id of the supervisor's key; recorded with the decision.</param>
    Task<ReviewResult> DecideDisputeAsync(string reviewId, DisputeDecision decision, string? decidedWithKey);

    /// <summary>The reviews; null when the conversation does not exist.</summary>
    Task<ConversationReviewsView?> GetAsync();

    /// <summary>
    /// The conversation has a new AI assessment: its scores join the calibration. Interleaves, because the
    /// conversation calls it while a review being submitted may be waiting for the conversation.
    /// </summary>
    [AlwaysInterleave]
    Task OnAiAssessedAsync(ReviewContext context);

    /// <summary>Retention or an erasure: removes the reviews' free text (comments, dispute reasons), keeping their scores; answers how many reviews lost text.</summary>
    /// <remarks>Interleaves: the conversation that calls it may be what a review call here is waiting for.</remarks>
    [AlwaysInterleave]
    Task<int> PurgePersonalDataAsync();

    /// <summary>Retention: the conversation's derived data expired; the reviews' stored state is cleared.</summary>
    [AlwaysInterleave]
    Task DeleteAsync();
}
