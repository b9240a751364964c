using CraftCX.Scoring.Rules;

namespace CraftCX.Tests.Scoring;

[Trait("Category", "Unit")]
public sealed class ResponsivenessRuleTests
{
    [Fact]
    public void Replies_within_target_score_full_marks()
    {
        var t = new Transcript().Customer("Hi").Agent("Hello!", afterSeconds: 30).Customer("Refund?").Agent("Done.", afterSeconds: 100);
        Assert.Equal(100, t.ScoreOf("responsiveness"));
        Assert.Equal(0, t.State.SlaBreaches);
        Assert.Equal(30, t.State.FirstResponseSeconds);
    }

    [Fact]
    public void A_first_reply_at_twice_the_target_scores_two_thirds()
    {
        var t = new Transcript().Customer("Hi").Agent("Hello!", afterSeconds: 120);
        Assert.Equal(67, t.ScoreOf("responsiveness"));
        Assert.Equal(1, t.State.SlaBreaches);
        Assert.Equal(["m2"], t.EvidenceOf("responsiveness"));
    }

    [Fact]
    public void A_reply_at_four_times_the_target_scores_zero()
    {
        var t = new Transcript().Customer("Hi").Agent("Hello!", afterSeconds: 240);
        Assert.Equal(0, t.ScoreOf("responsiveness"));
    }

    [Fact]
    public void The_wait_counts_from_the_first_unanswered_customer_message()
    {
        var t = new Transcript().Customer("Hi", afterSeconds: 0).Customer("Anyone?", afterSeconds: 50).Agent("Hello!", afterSeconds: 50);
        Assert.Equal(100, t.State.FirstResponseSeconds);
        Assert.Equal(1, t.State.SlaBreaches);
    }

    [Fact]
    public void Score_falls_linearly_between_target_and_four_times_target()
    {
        Assert.Equal(100, ResponsivenessRule.ScoreResponse(60, 60));
        Assert.Equal(50, ResponsivenessRule.ScoreResponse(150, 60));
        Assert.Equal(0, ResponsivenessRule.ScoreResponse(1000, 60));
    }
}
