using CraftCX.Reviews;

namespace CraftCX.Privacy;

/// <summary>
/// Removes the free text of a review (its comments, a dispute's reason and decision comment), which reviewers
/// write about the transcript and may quote the customer in; scores, reviewers and dispute outcomes stay.
/// </summary>
internal static class ReviewTextPurge
{
    /// <summary>Null when the review holds no free text.</summary>
    public static ConversationReview? Apply(ConversationReview review)
    {
        var hasText = review.Comment is not null
            || review.Scores.Any(s => s.Comment is not null)
            || review.Dispute is { Reason.Length: > 0 } or { DecisionComment: not null };
        if (!hasText)
        {
            return null;
        }

        return review with
        {
            Comment = null,
            Scores = [.. review.Scores.Select(s => s with { Comment = null })],
            Dispute = review.Dispute is { } dispute ? dispute with { Reason = string.Empty, DecisionComment = null } : null,
        };
    }
}
