using CraftCX.Events;
using CraftCX.Silo.Demo;

namespace CraftCX.Tests.Demo;

[Trait("Category", "Unit")]
public sealed class DemoScriptBuilderTests
{
    [Fact]
    public void The_abcd_sample_loads_with_customers_intents_and_turns()
    {
        var conversations = AbcdDataset.Load(TestWorkload.AbcdPath);
        Assert.Equal(3, conversations.Count);
        Assert.All(conversations, c =>
        {
            Assert.NotEmpty(c.Turns);
            Assert.Contains(c.Turns, t => t.Speaker == "customer");
            Assert.True(c.Email is not null || c.Phone is not null);
        });
    }

    [Fact]
    public void Every_scripted_event_is_valid_contract_v1_in_sequence_order()
    {
        var parser = new ChatEventParser();
        var events = TestWorkload.Build("demo", conversations: 50, seed: 1);
        foreach (var group in events.GroupBy(e => e.Conversation))
        {
            var sequences = group.Select(e => e.Sequence!.Value).ToList();
            Assert.Equal(sequences.Order(), sequences);
            Assert.Equal("conversation.started", group.First().Type);
            Assert.Equal("conversation.closed", group.Last().Type);
        }

        Assert.All(events, e => Assert.True(parser.Parse(TestEvents.Json(e)).IsValid));
        Assert.True(events.Select(e => e.Workspace).Distinct().Count() >= 2);
        Assert.Contains(events, e => e.Data?.Author?.Role == "bot");
        Assert.Contains(events, e => e.Type == "conversation.handoff");
    }

    [Fact]
    public void The_same_seed_gives_the_same_script()
    {
        var a = TestWorkload.Build("demo", 10, seed: 5, start: DateTimeOffset.UnixEpoch.AddYears(40));
        var b = TestWorkload.Build("demo", 10, seed: 5, start: DateTimeOffset.UnixEpoch.AddYears(40));
        Assert.Equal(a.Select(e => TestEvents.Json(e)), b.Select(e => TestEvents.Json(e)));
    }
}
