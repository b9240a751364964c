using CraftCX.Scoring;
using Orleans.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace CraftCX.Tests.Scoring;

[Trait("Category", "Unit")]
public sealed class RuleScorerTests
{
    [Fact]
    public void Overall_is_the_weighted_mean_of_the_judged_criteria_only()
    {
        // Greeting 100 (w10), empathy 60 (w15), clarity 100 (w15), responsiveness 100 (w15),
        // professionalism 100 (w15), compliance 100 (w10); resolution (w20) not judged yet.
        var t = new Transcript().Customer("Where is my parcel?").Agent("Hello, it is in Berlin.", afterSeconds: 10);
        var score = t.Score();
        Assert.Null(t.ScoreOf("resolution"));
        var expected = (10 * 100 + 15 * 60 + 15 * 100 + 15 * 100 + 15 * 100 + 10 * 100) / 80.0;
        Assert.Equal((int)Math.Round(expected, MidpointRounding.AwayFromZero), score.Overall);
        Assert.False(score.AutoFailed);
    }

    [Fact]
    public void Nothing_is_scored_before_the_agent_side_speaks()
    {
        var score = new Transcript().Customer("Hello?").Customer("Anyone there?").Score();
        Assert.Null(score.Overall);
        Assert.Equal(0, score.Confidence);
    }

    [Fact]
    public void Confidence_grows_with_coverage_and_evidence()
    {
        var early = new Transcript().Customer("Refund?").Agent("Hello!");
        var later = new Transcript().Customer("Refund?").Agent("Hello!").Agent("Checking.").Customer("ok").Agent("I have refunded it.").Agent("Anything else?");
        Assert.True(later.Score().Confidence > early.Score().Confidence);
        Assert.Equal(1.0, later.Close("resolved").Score().Confidence);
    }

    [Fact]
    public void Internal_notes_are_neither_scored_nor_counted_as_replies()
    {
        var t = new Transcript().Customer("Refund?").Note("customer is rude, whatever, ask for the CVV");
        Assert.Null(t.Score().Overall);
        Assert.Equal(0, t.State.AgentSideMessages);
    }

    [Fact]
    public void Custom_weights_and_phrases_change_the_score()
    {
        var card = new Scorecard("acme", 1,
        [
            new CriterionDefinition("greeting", "Brand greeting", CriterionKind.Greeting, 1, Phrases: ["welcome to acme"]),
            new CriterionDefinition("tone", "Tone", CriterionKind.Professionalism, 3),
        ], new SlaTargets());
        var t = new Transcript(card).Customer("Hi").Agent("Hello, how can I help?");
        Assert.Equal(20, t.ScoreOf("greeting"));
        Assert.Equal((int)Math.Round((20 * 1 + 100 * 3) / 4.0), t.Score().Overall);
    }

    [Fact]
    public void Scorer_state_stays_bounded_however_long_the_conversation_gets()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var t = new Transcript();
        for (var i = 0; i < 50; i++)
        {
            t.Customer($"The parcel {i} is still not here, this is terrible").Agent($"I'm sorry, I have sent a new one, number {i}.");
        }

        var after100 = serializer.SerializeToArray(t.State).Length;
        for (var i = 0; i < 950; i++)
        {
            t.Customer($"The parcel {i} is still not here, this is terrible").Agent($"I'm sorry, I have sent a new one, number {i}.");
        }

        var after2000 = serializer.SerializeToArray(t.State).Length;
        Assert.InRange(after2000, 0, after100 + 64);
    }
}
