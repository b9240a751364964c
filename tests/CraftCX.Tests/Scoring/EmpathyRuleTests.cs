namespace CraftCX.Tests.Scoring;

[Trait("Category", "Unit")]
public sealed class EmpathyRuleTests
{
    [Fact]
    public void Neutral_replies_without_acknowledgement_score_the_baseline()
    {
        var t = new Transcript().Customer("Where is my parcel?").Agent("It is in Berlin.");
        Assert.Equal(60, t.ScoreOf("empathy"));
    }

    [Fact]
    public void Two_acknowledging_replies_reach_full_marks()
    {
        var t = new Transcript()
            .Customer("My parcel is late and I am really upset.")
            .Agent("I'm so sorry about that, I understand how frustrating it is.")
            .Customer("Ok.")
            .Agent("Thank you for your patience, it arrives tomorrow.");
        Assert.Equal(100, t.ScoreOf("empathy"));
    }

    [Fact]
    public void Ignoring_an_angry_customer_costs_points()
    {
        var t = new Transcript()
            .Customer("This is terrible, the worst service ever, I am furious!")
            .Agent("Order number.")
            .Customer("This is unacceptable and ridiculous.")
            .Agent("Send the number.");
        Assert.Equal(10, t.ScoreOf("empathy"));
        Assert.Equal(["m2", "m4"], t.EvidenceOf("empathy"));
    }
}
