using CraftCX.Reviews;

namespace CraftCX.Tests.Reviews;

/// <summary>What a review, a dispute and a decision must look like; every problem names its field.</summary>
[Trait("Category", "Unit")]
public sealed class ReviewRulesTests
{
    private static readonly string[] Criteria = ["greeting", "clarity", "resolution"];
    private static readonly ReviewOptions Options = new() { MaxCommentLength = 50 };

    [Fact]
    public void A_review_of_some_criteria_with_comments_is_fine()
    {
        var review = new ReviewSubmission("alice", [new("greeting", 90, "warm"), new("resolution", 0)], "good call");

        Assert.Empty(ReviewRules.Check(review, Criteria, Options));
    }

    [Fact]
    public void Each_bad_part_of_a_review_is_named()
    {
        var review = new ReviewSubmission("bad reviewer!", [new("greeting", 101), new("speed", 50), new("greeting", 40), new("clarity", -1, new string('x', 51))], new string('y', 51));

        var problems = ReviewRules.Check(review, Criteria, Options);

        Assert.Contains(problems, p => p.StartsWith("reviewerId:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("comment: 51 characters", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("scores[0].score: 101", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("scores[1].criterionId: 'speed' is not a criterion", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("scores[2].criterionId: 'greeting' is scored twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("scores[3].score: -1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("scores[3].comment:", StringComparison.Ordinal));
        Assert.Equal(7, problems.Count);
    }

    [Fact]
    public void A_review_without_scores_or_body_is_refused()
    {
        Assert.Equal("scores: at least one criterion score is required", Assert.Single(ReviewRules.Check(new ReviewSubmission("alice", []), Criteria, Options)));
        Assert.Equal("scores: at least one criterion score is required", Assert.Single(ReviewRules.Check(new ReviewSubmission("alice", default), Criteria, Options)));
        Assert.StartsWith("body:", Assert.Single(ReviewRules.Check((ReviewSubmission?)null, Criteria, Options)));
    }

    [Fact]
    public void A_dispute_needs_an_agent_and_a_reason()
    {
        Assert.Empty(ReviewRules.Check(new DisputeSubmission("ana", "I did greet"), Options));
        var problems = ReviewRules.Check(new DisputeSubmission("", "  "), Options);
        Assert.Equal(["agentId: required, 1–128 of A-Z a-z 0-9 . _ : -", "reason: required"], problems);
    }

    [Fact]
    public void A_decision_is_accepted_or_rejected()
    {
        Assert.Empty(ReviewRules.Check(new DisputeDecision("lead-1", DisputeStatus.Accepted), Options));
        Assert.Empty(ReviewRules.Check(new DisputeDecision("lead-1", DisputeStatus.Rejected, "stands"), Options));
        Assert.StartsWith("outcome:", Assert.Single(ReviewRules.Check(new DisputeDecision("lead-1", DisputeStatus.Open), Options)));
    }
}
