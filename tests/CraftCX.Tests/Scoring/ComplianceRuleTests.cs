namespace CraftCX.Tests.Scoring;

[Trait("Category", "Unit")]
public sealed class ComplianceRuleTests
{
    [Fact]
    public void Asking_for_the_full_card_number_fails_and_auto_fails_the_conversation()
    {
        var t = new Transcript()
            .Customer("I was double charged")
            .Agent("Hello! Sorry about that, I can help.")
            .Agent("Please send me your full card number and the CVV.");
        var score = t.Score();
        Assert.Equal(0, t.ScoreOf("compliance"));
        Assert.True(score.AutoFailed);
        Assert.Equal(0, score.Overall);
        Assert.Equal(["m3"], t.EvidenceOf("compliance"));
    }

    [Fact]
    public void Asking_for_the_last_four_digits_is_allowed()
    {
        var t = new Transcript().Customer("Double charged").Agent("Could you tell me the last four digits of your card number?");
        Assert.Equal(100, t.ScoreOf("compliance"));
        Assert.False(t.Score().AutoFailed);
    }

    [Fact]
    public void An_agent_pasting_a_card_number_fails()
    {
        var t = new Transcript().Customer("Which card?").Agent("The card 4111 1111 1111 1111 was charged.");
        Assert.Equal(0, t.ScoreOf("compliance"));
    }

    [Fact]
    public void A_customer_pasting_a_card_number_is_not_the_agents_fault_but_is_seen_as_personal_data()
    {
        var t = new Transcript().Customer("My card is 4111-1111-1111-1111").Agent("Thanks, please never share that here.");
        Assert.Equal(100, t.ScoreOf("compliance"));
        Assert.True(t.State.PiiSeen);
    }

    [Fact]
    public void Asking_for_a_password_fails()
    {
        var t = new Transcript().Customer("Cannot log in").Agent("What is your password?");
        Assert.Equal(0, t.ScoreOf("compliance"));
    }
}
