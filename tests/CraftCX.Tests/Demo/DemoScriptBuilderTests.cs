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

    private static string SgdPath => Path.Combine(AppContext.BaseDirectory, "Demo", "Data", "sgd", "sgd_support_sample.json");

    [Fact]
    public void The_sgd_selection_loads_396_dialogues_across_eleven_domains_with_its_licence_beside_it()
    {
        var dialogues = SgdDataset.Load(SgdPath);
        Assert.Equal(396, dialogues.Count);
        Assert.Equal(11, dialogues.Select(d => d.Domain).Distinct().Count());
        Assert.All(dialogues, d => Assert.Contains(d.Turns, t => t.Speaker == "user"));
        Assert.Contains("Attribution-ShareAlike 4.0", File.ReadAllText(Path.Combine(Path.GetDirectoryName(SgdPath)!, "LICENSE.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_sgd_dialogue_becomes_a_bot_handled_conversation_in_its_domain_workspace_some_handed_to_a_human()
    {
        var options = new DemoOptions { AssistantHandoffShare = 0.5 };
        var builder = new DemoScriptBuilder(options);
        var parser = new ChatEventParser();
        var random = new Random(11);
        var dialogues = SgdDataset.Load(SgdPath);
        var scripts = dialogues.Where((_, i) => i % 6 == 0).Select((d, i) => (Dialogue: d, Script: builder.BuildAssistant(d, $"sgd-{i}", random))).ToList();

        foreach (var (dialogue, script) in scripts)
        {
            var events = script.Steps.Select(s => s.Event).ToList();

            // Stamped as the producer stamps them when it sends each one.
            var at = DateTimeOffset.UtcNow.AddMinutes(-30);
            foreach (var step in script.Steps)
            {
                at += step.Delay;
                step.Event.OccurredAt = at;
            }

            Assert.All(events, e => Assert.True(parser.Parse(TestEvents.Json(e)).IsValid, $"{e.Type} of {e.Conversation} is not valid contract v1"));
            Assert.Equal(events.Select(e => e.Sequence), events.Select(e => e.Sequence).Order());
            Assert.Equal(options.DomainWorkspaces[dialogue.Domain], script.Workspace);
            Assert.Equal("bot", events.Single(e => e.Type == "agent.assigned").Data!.Agent!.Role);

            // Every turn is spoken, the user's by the customer and the assistant's by the bot (or, after a handoff, the human).
            var messages = events.Where(e => e.Type == "message.created").ToList();
            Assert.Equal(dialogue.Turns.Select(t => t.Text), messages.Select(m => m.Data!.Text!).Where(t => !t.StartsWith("Thanks for the details!", StringComparison.Ordinal) && !t.StartsWith("Hi! I'm CraftBot", StringComparison.Ordinal)));
            Assert.All(messages.Where(m => m.Data!.Author!.Role == "customer"), m => Assert.StartsWith("guest-", m.Data!.Author!.Id, StringComparison.Ordinal));
            var handoff = events.FindIndex(e => e.Type == "conversation.handoff");
            if (script.Variant == "assistant-then-human")
            {
                Assert.True(handoff > 0);
                Assert.All(messages.Where(m => events.IndexOf(m) > handoff && m.Data!.Author!.Role != "customer"), m => Assert.Equal("agent", m.Data!.Author!.Role));
            }
            else
            {
                Assert.Equal(-1, handoff);
                Assert.DoesNotContain(messages, m => m.Data!.Author!.Role == "agent");
            }
        }

        Assert.Contains(scripts, s => s.Script.Variant == "assistant");
        Assert.Contains(scripts, s => s.Script.Variant == "assistant-then-human");
        Assert.True(scripts.Select(s => s.Script.Workspace).Distinct().Count() >= 3);
    }
}
