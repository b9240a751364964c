using CraftCX.Signals;
using CraftCX.Text;

namespace CraftCX.Tests.Signals;

[Trait("Category", "Unit")]
public sealed class SentimentAnalyzerTests
{
    private readonly SentimentAnalyzer _analyzer = SentimentAnalyzer.CreateDefault();

    private double Score(string text) => _analyzer.Score(TextTokens.Parse(text));

    [Fact]
    public void Positive_negative_and_neutral_texts_land_on_the_right_side()
    {
        Assert.True(Score("Thank you so much, that was really helpful and quick!") > 0.5);
        Assert.True(Score("This is terrible, my order arrived broken and nobody answers.") < -0.5);
        Assert.Equal(0, Score("My order number is 12345."));
    }

    [Fact]
    public void Negation_flips_and_weakens()
    {
        Assert.True(Score("This is good") > 0);
        Assert.True(Score("This is not good") < 0);
        Assert.True(Math.Abs(Score("This is not good")) < Score("This is good"));
    }

    [Fact]
    public void Intensifiers_strengthen()
    {
        Assert.True(Score("I am very upset") < Score("I am upset"));
    }

    [Fact]
    public void Scores_stay_within_minus_one_and_one()
    {
        var rant = string.Join(" ", Enumerable.Repeat("terrible awful worst useless", 50));
        Assert.InRange(Score(rant), -1, -0.9);
    }
}
