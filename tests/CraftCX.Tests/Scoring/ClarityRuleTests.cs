namespace CraftCX.Tests.Scoring;

[Trait("Category", "Unit")]
public sealed class ClarityRuleTests
{
    [Fact]
    public void Short_plain_sentences_are_fully_clear()
    {
        var t = new Transcript().Customer("Help").Agent("Hi! Your refund is on its way. It takes three days.");
        Assert.Equal(100, t.ScoreOf("clarity"));
    }

    [Fact]
    public void Shouting_and_repeated_punctuation_lower_clarity()
    {
        var t = new Transcript().Customer("Help").Agent("YOU MUST RESTART THE ROUTER NOW!!!");
        Assert.Equal(60, t.ScoreOf("clarity"));
        Assert.Equal(["m2"], t.EvidenceOf("clarity"));
    }

    [Fact]
    public void One_endless_sentence_loses_up_to_forty_points()
    {
        var sentence = string.Join(" ", Enumerable.Repeat("and then the system", 40)) + ".";
        var t = new Transcript().Customer("Help").Agent(sentence);
        Assert.Equal(50, t.ScoreOf("clarity"));
    }

    [Fact]
    public void Clarity_is_the_mean_of_the_replies()
    {
        var t = new Transcript().Customer("Help").Agent("All good.").Agent("YOU MUST RESTART THE ROUTER NOW!!!");
        Assert.Equal(80, t.ScoreOf("clarity"));
    }
}
