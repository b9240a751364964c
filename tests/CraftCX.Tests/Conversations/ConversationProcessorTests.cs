using CraftCX.Aggregation;
using CraftCX.Conversations;
using CraftCX.Events;
using CraftCX.Events.Json;
using CraftCX.Scoring;

namespace CraftCX.Tests.Conversations;

[Trait("Category", "Unit")]
public sealed class ConversationProcessorTests
{
    private readonly Infrastructure.Conversations _conversations = new();

    private static ChatEventDto Msg(long seq, string role, string? author, string text) =>
        TestEvents.Message("acme", "support", "c1", seq, role, author, text);

    [Fact]
    public void Replayed_events_and_old_sequences_change_nothing()
    {
        var state = new ConversationState();
        var events = new[] { Msg(1, "customer", "u1", "Hi, refund please"), Msg(2, "agent", "ana", "Hello! I have refunded it.") };
        Assert.Equal((2, 0), _conversations.Apply(state, "acme", "c1", events));
        var before = ConversationSnapshots.Create(state, "acme", "c1", _conversations.Scorecard, includeTranscript: true);

        Assert.Equal((0, 2), _conversations.Apply(state, "acme", "c1", events));
        var late = Msg(1, "agent", "ana", "This arrived late with an old sequence and must be ignored.");
        late.Id = "other-id";
        Assert.Equal((0, 1), _conversations.Apply(state, "acme", "c1", late));

        var after = ConversationSnapshots.Create(state, "acme", "c1", _conversations.Scorecard, includeTranscript: true);
        Assert.Equal(before.Score.Overall, after.Score.Overall);
        Assert.Equal(2, after.EventsApplied);
        Assert.Equal(2, after.Transcript!.Count);
    }

    [Fact]
    public void A_replayed_event_id_with_a_new_sequence_is_a_duplicate()
    {
        var state = new ConversationState();
        _conversations.Apply(state, "acme", "c1", Msg(1, "customer", "u1", "Hi"));
        var sameId = Msg(2, "customer", "u1", "Hi again");
        sameId.Id = "c1-e1";
        Assert.Equal((0, 1), _conversations.Apply(state, "acme", "c1", sameId));
    }

    [Fact]
    public void Events_for_another_conversation_are_refused()
    {
        var processor = new ConversationProcessor(RuleScorer.CreateDefault(), new ConversationOptions());
        var other = _conversations.Parse(TestEvents.Message("acme", "support", "c2", 1, "customer", null, "hi"));
        var (applied, _, rejections) = processor.Apply(new ConversationState(), "acme", "c1", [other], _conversations.Scorecard);
        Assert.Equal(0, applied);
        Assert.Equal(RejectionCodes.RejectedByConversation, Assert.Single(rejections!).Rejection.Code);
    }

    [Fact]
    public void The_transcript_keeps_only_the_newest_messages_but_scores_cover_all()
    {
        var state = new ConversationState();
        var processor = new ConversationProcessor(RuleScorer.CreateDefault(), new ConversationOptions { MaxTranscriptMessages = 3 });
        var events = Enumerable.Range(1, 10)
            .Select(i => _conversations.Parse(Msg(i, i % 2 == 1 ? "customer" : "agent", i % 2 == 1 ? "u1" : "ana", $"message {i}")))
            .ToList();
        processor.Apply(state, "acme", "c1", events, _conversations.Scorecard);
        Assert.Equal(["c1-m8", "c1-m9", "c1-m10"], state.Transcript.Select(m => TranscriptCodec.Decode(m).MessageId));
        Assert.Equal(10, state.Messages);
        Assert.Equal(5, state.Scorer.AgentSideMessages);
    }

    [Fact]
    public void A_handoff_moves_the_score_to_the_human_and_retracts_it_from_the_bot()
    {
        var state = new ConversationState();
        _conversations.Apply(state, "acme", "c1",
            Msg(1, "customer", "u1", "My parcel is missing"),
            Msg(2, "bot", "bot-1", "Hi! Let me connect you to a specialist."));
        var botUpdates = ConversationProcessor.BuildUpdates(state, "acme", "c1", _conversations.Scorecard, DateTimeOffset.UtcNow);
        Assert.Contains(botUpdates, u => u.Level == AggregateLevel.Agent && u.Key == "acme/bot-1" && !u.Contribution.Retracted);

        _conversations.Apply(state, "acme", "c1",
            TestEvents.Of("conversation.handoff", "acme", "support", "c1", 3, new() { From = new() { Role = "bot", Id = "bot-1" }, To = new() { Role = "agent", Id = "ana" } }),
            Msg(4, "agent", "ana", "Hello, I found it, it ships today."));
        var updates = ConversationProcessor.BuildUpdates(state, "acme", "c1", _conversations.Scorecard, DateTimeOffset.UtcNow);

        Assert.Contains(updates, u => u.Key == "acme/ana" && !u.Contribution.Retracted && !u.Contribution.AgentIsBot);
        Assert.Contains(updates, u => u.Key == "acme/bot-1" && u.Contribution.Retracted);
        Assert.Contains(updates, u => u.Level == AggregateLevel.Workspace && u.Key == "acme/support");
        Assert.Contains(updates, u => u.Level == AggregateLevel.Tenant && u.Key == "acme");
        Assert.All(updates, u => Assert.Equal(4, u.Contribution.Version));
        Assert.Equal(HandledBy.Hybrid, updates[0].Contribution.HandledBy);
    }

    [Fact]
    public void Moving_to_another_workspace_retracts_the_score_from_the_old_one()
    {
        var state = new ConversationState();
        _conversations.Apply(state, "acme", "c1", Msg(1, "customer", "u1", "Hi"), Msg(2, "agent", "ana", "Hello"));
        var moved = TestEvents.Message("acme", "billing", "c1", 3, "agent", "ana", "Moving you to billing.");
        _conversations.Apply(state, "acme", "c1", moved);
        var updates = ConversationProcessor.BuildUpdates(state, "acme", "c1", _conversations.Scorecard, DateTimeOffset.UtcNow);
        Assert.Contains(updates, u => u.Key == "acme/billing" && !u.Contribution.Retracted);
        Assert.Contains(updates, u => u.Key == "acme/support" && u.Contribution.Retracted);
    }

    [Fact]
    public void Close_csat_tags_and_reopen_are_recorded()
    {
        var state = new ConversationState();
        _conversations.Apply(state, "acme", "c1",
            TestEvents.Of("conversation.started", "acme", "support", "c1", 1, new() { Subject = "Refund for order", Customer = new() { Id = "u1" } }),
            Msg(2, "customer", "u1", "I want my money back"),
            Msg(3, "agent", "ana", "Hi! I have refunded it."),
            TestEvents.Of("conversation.tagged", "acme", "support", "c1", 4, new() { Tags = ["refund"] }),
            TestEvents.Of("csat.received", "acme", "support", "c1", 5, new() { Score = 5 }),
            TestEvents.Of("conversation.closed", "acme", "support", "c1", 6, new() { Resolution = "resolved" }));
        var snapshot = ConversationSnapshots.Create(state, "acme", "c1", _conversations.Scorecard, includeTranscript: false);
        Assert.Equal("closed", snapshot.Status);
        Assert.Equal(5, snapshot.Csat);
        Assert.Equal(["refund"], snapshot.Labels.Tags);
        Assert.Contains("refund", snapshot.Labels.Topics);
        Assert.Equal("resolved", snapshot.Resolution);
        Assert.Null(snapshot.Transcript);

        _conversations.Apply(state, "acme", "c1", TestEvents.Of("conversation.reopened", "acme", "support", "c1", 7));
        Assert.Equal("open", ConversationSnapshots.Create(state, "acme", "c1", _conversations.Scorecard, false).Status);
    }

    [Fact]
    public void Escalation_risk_rises_with_threats_and_negative_sentiment()
    {
        var state = new ConversationState();
        _conversations.Apply(state, "acme", "c1",
            Msg(1, "customer", "u1", "This is the worst service, I want to speak to your manager and I will file a complaint!"),
            Msg(2, "agent", "ana", "Hello."));
        Assert.Equal("high", ConversationSnapshots.Create(state, "acme", "c1", _conversations.Scorecard, false).Labels.EscalationRisk);
    }
}
