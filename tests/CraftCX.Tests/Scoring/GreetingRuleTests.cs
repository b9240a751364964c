namespace CraftCX.Tests.Scoring;

[Trait("Category", "Unit")]
public sealed class GreetingRuleTests
{
    [Fact]
    public void Greeting_is_pending_until_the_agent_speaks()
    {
        var t = new Transcript().Customer("Hello, my order is missing");
        Assert.Null(t.ScoreOf("greeting"));
    }

    [Fact]
    public void Greeting_in_the_first_reply_scores_full_marks_with_evidence()
    {
        var t = new Transcript().Customer("My order is missing").Agent("Hi there, thanks for contacting us! Let me check.");
        Assert.Equal(100, t.ScoreOf("greeting"));
        Assert.Equal(["m2"], t.EvidenceOf("greeting"));
    }

    [Fact]
    public void Greeting_in_the_second_reply_still_counts()
    {
        var t = new Transcript().Customer("Order missing").Agent("One moment.").Agent("Good morning! I found your order.");
        Assert.Equal(100, t.ScoreOf("greeting"));
    }

    [Fact]
    public void No_greeting_in_the_first_two_replies_fails_and_a_late_one_does_not_repair_it()
    {
        var t = new Transcript().Customer("Order missing").Agent("Order number?").Agent("Checking.").Agent("Hello, it shipped today.");
        Assert.Equal(20, t.ScoreOf("greeting"));
    }

    [Fact]
    public void A_word_containing_hi_is_not_a_greeting()
    {
        var t = new Transcript().Customer("Order missing").Agent("This shipment is delayed.").Agent("Nothing else to add.");
        Assert.Equal(20, t.ScoreOf("greeting"));
    }
}
