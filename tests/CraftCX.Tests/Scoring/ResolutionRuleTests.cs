namespace CraftCX.Tests.Scoring;

[Trait("Category", "Unit")]
public sealed class ResolutionRuleTests
{
    [Fact]
    public void Resolution_is_pending_while_nothing_points_either_way()
    {
        var t = new Transcript().Customer("My card was charged twice").Agent("Let me look into it.");
        Assert.Null(t.ScoreOf("resolution"));
    }

    [Fact]
    public void Agent_claim_confirmed_by_the_customer_is_full_marks()
    {
        var t = new Transcript()
            .Customer("My card was charged twice")
            .Agent("I have refunded the second charge.")
            .Customer("Perfect, thank you so much!");
        Assert.Equal(100, t.ScoreOf("resolution"));
    }

    [Fact]
    public void Customer_saying_it_still_does_not_work_undoes_the_claim()
    {
        var t = new Transcript()
            .Customer("The app crashes")
            .Agent("I've reset your account, it should work now.")
            .Customer("It still doesn't work.");
        Assert.Equal(50, t.ScoreOf("resolution"));
    }

    [Fact]
    public void Closing_without_any_evidence_scores_low()
    {
        var t = new Transcript().Customer("Question about billing").Agent("Let me check.").Close(null);
        Assert.Equal(30, t.ScoreOf("resolution"));
    }

    [Fact]
    public void Close_reported_as_unresolved_caps_the_score()
    {
        var t = new Transcript().Customer("Refund please").Agent("I have refunded it.").Close("unresolved");
        Assert.Equal(30, t.ScoreOf("resolution"));
    }

    [Fact]
    public void Close_reported_as_resolved_lifts_the_score()
    {
        var t = new Transcript().Customer("Refund please").Agent("Let me check that.").Close("resolved");
        Assert.Equal(80, t.ScoreOf("resolution"));
    }

    [Fact]
    public void Agent_saying_it_cannot_be_done_scores_forty()
    {
        var t = new Transcript().Customer("Can I return it?").Agent("Unfortunately we cannot accept returns after 90 days.");
        Assert.Equal(40, t.ScoreOf("resolution"));
    }
}
