using CraftCX.Assessments;
using CraftCX.Conversations;
using CraftCX.Events;
using CraftCX.Scoring;
using CraftCX.Silo.Demo;

namespace CraftCX.Tests.Assessments;

[Trait("Category", "Unit")]
public sealed class AssessmentPromptTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_rubric_lists_every_criterion_and_the_transcript_carries_aliases_but_no_internal_notes()
    {
        var card = DefaultScorecard.Create();
        TranscriptMessage[] transcript =
        [
            new("msg-a", AuthorRole.Customer, "cust", Start, "My order is late", false),
            new("msg-b", AuthorRole.Agent, "ana", Start.AddSeconds(30), "Sorry! Let me check.", false),
            new("note-1", AuthorRole.Agent, "ana", Start.AddSeconds(40), "customer seems angry, VIP", true),
            new("msg-c", AuthorRole.Bot, "bot-1", Start.AddSeconds(50), "Your order ships today.", false),
        ];

        var prompt = AssessmentPrompt.Build(card, transcript, customer: null);
        Assert.All(card.Criteria, c => Assert.Contains($"- {c.Id} (", prompt.System));
        Assert.Contains("failing below 50 fails the whole conversation", prompt.System);
        Assert.Contains("[m1] 09:00:00 customer: My order is late", prompt.User);
        Assert.Contains("[m3] 09:00:50 bot: Your order ships today.", prompt.User);
        Assert.DoesNotContain("VIP", prompt.User);
        Assert.Equal(new Dictionary<string, string> { ["m1"] = "msg-a", ["m2"] = "msg-b", ["m3"] = "msg-c" }, prompt.MessageIdsByAlias);

        var content = new AiAssessmentContent(
            [new AiCriterionAssessment("greeting", 80, 0.9, "ok", ["m3", "m1"])],
            new AiScoredValue("s", 1),
            null!,
            []);
        Assert.Equal(["msg-c", "msg-a"], prompt.WithMessageIds(content).Criteria[0].EvidenceMessageIds.ToArray());
    }

    [Fact]
    public void No_abcd_customer_identifier_reaches_the_prompt()
    {
        foreach (var conversation in AbcdDataset.Load(TestWorkload.AbcdPath))
        {
            var transcript = conversation.Turns
                .Where(t => t.Speaker != "action")
                .Select((t, i) => new TranscriptMessage($"x{i}", t.Speaker == "customer" ? AuthorRole.Customer : AuthorRole.Agent, null, Start.AddSeconds(i * 20), t.Text, false))
                .ToList();
            var customer = new CustomerRef(conversation.Username, conversation.Email, conversation.Phone, conversation.CustomerName);

            var prompt = AssessmentPrompt.Build(DefaultScorecard.Create(), transcript, customer);
            var sent = prompt.System + prompt.User;
            foreach (var identifier in conversation.CustomerName.Split(' ').Append(conversation.Username).Append(conversation.Email).Append(conversation.Phone).OfType<string>())
            {
                Assert.DoesNotContain(identifier, sent, StringComparison.OrdinalIgnoreCase);
            }

            Assert.Equal(transcript.Count, prompt.MessageIdsByAlias.Count);
        }
    }
}
