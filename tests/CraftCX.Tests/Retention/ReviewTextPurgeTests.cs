using CraftCX.Privacy;
using CraftCX.Reviews;

namespace CraftCX.Tests.Retention;

/// <summary>What a purge removes from a stored review, and what it keeps for calibration.</summary>
[Trait("Category", "Unit")]
public sealed class ReviewTextPurgeTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Comments_and_dispute_texts_go_while_scores_reviewer_and_outcome_stay()
    {
        var review = new ConversationReview("r1", "rita", At, [new ReviewCriterionScore("greeting", 75, "said hi to Crystal")], "Crystal was upset", "k1",
            new ReviewDispute("ana", "Crystal had asked twice", At, DisputeStatus.Rejected, "sam", "Crystal's tone was fine", At));

        var purged = ReviewTextPurge.Apply(review);

        Assert.NotNull(purged);
        Assert.Null(purged.Comment);
        Assert.Null(Assert.Single(purged.Scores).Comment);
        Assert.Equal(string.Empty, purged.Dispute!.Reason);
        Assert.Null(purged.Dispute.DecisionComment);
        Assert.Equal((75, "rita", DisputeStatus.Rejected, "sam"), (purged.Scores[0].Score, purged.ReviewerId, purged.Dispute.Status, purged.Dispute.DecidedBy));
        Assert.Null(ReviewTextPurge.Apply(purged));
    }
}
