using CraftCX.Events;
using CraftCX.Scoring;

namespace CraftCX.Tests.Scoring;

[Trait("Category", "Unit")]
public sealed class ChannelSlaTests
{
    [Fact]
    public void Social_replies_minutes_apart_meet_the_social_target_but_miss_the_chat_one()
    {
        // A Twitter thread: the agent answers after 12 minutes, then 20.
        Transcript Thread(string channel) => new Transcript().On(channel)
            .Customer("My order never arrived").Agent("Sorry to hear that, DM us your order number", afterSeconds: 720)
            .Customer("Sent").Agent("Thanks, a replacement ships today", afterSeconds: 1200);

        var social = Thread("twitter");
        Assert.Equal(100, social.ScoreOf("responsiveness"));
        Assert.Equal(0, social.State.SlaBreaches);

        var chat = Thread("chat");
        Assert.Equal(0, chat.ScoreOf("responsiveness"));
        Assert.Equal(2, chat.State.SlaBreaches);
    }

    [Theory]
    [InlineData("chat", 60, 120)]
    [InlineData("web_chat", 60, 120)]
    [InlineData("whatsapp", 900, 900)]
    [InlineData("native_messaging", 900, 900)]
    [InlineData("EMAIL", 14400, 14400)]
    [InlineData("facebook", 3600, 3600)]
    [InlineData("voice", 20, 30)]
    [InlineData("carrier-pigeon", 60, 120)]
    [InlineData(null, 60, 120)]
    public void Each_kind_gets_its_default_and_unknown_channels_the_chat_targets(string? channel, int first, int response)
    {
        Assert.Equal(new ChannelSla(first, response), new SlaTargets().For(channel));
    }

    [Fact]
    public void A_scorecard_sets_a_channel_and_keeps_the_defaults_of_the_others()
    {
        var sla = new SlaTargets(30, 90) { Channels = new Dictionary<string, ChannelSla> { [ChannelKinds.Email] = new(3600, 7200) } };
        Assert.Equal(new ChannelSla(3600, 7200), sla.For("email"));
        Assert.Equal(new ChannelSla(30, 90), sla.For("chat"));
        Assert.Equal(ChannelSlaDefaults.ByKind[ChannelKinds.Social], sla.For("twitter"));

        var scorecard = DefaultScorecard.Create() with { Sla = sla };
        var email = new Transcript(scorecard).On("email").Customer("Where is my invoice?").Agent("Attached.", afterSeconds: 5400);
        Assert.Equal(1, email.State.SlaBreaches);
        // 90 minutes against 60: a third of the way from full marks to zero.
        Assert.Equal(83, email.ScoreOf("responsiveness"));
    }

    [Fact]
    public void Unknown_channel_kinds_and_impossible_channel_targets_are_refused()
    {
        var scorecard = DefaultScorecard.Create() with
        {
            Sla = new SlaTargets { Channels = new Dictionary<string, ChannelSla> { ["fax"] = new(10, 10), [ChannelKinds.Voice] = new(0, 30) } },
        };
        var errors = ScorecardValidator.Validate(scorecard).ToList();
        Assert.Contains(errors, e => e.Contains("'fax' is not one of chat, messaging, email, social, voice, other"));
        Assert.Contains(errors, e => e.Contains("channel 'voice' must be 1..604800 seconds"));
    }
}
