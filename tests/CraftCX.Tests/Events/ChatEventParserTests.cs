using System.Text;
using CraftCX.Events;

namespace CraftCX.Tests.Events;

[Trait("Category", "Unit")]
public sealed class ChatEventParserTests
{
    private readonly ChatEventParser _parser = new();

    private static readonly CraftCX.Events.Json.ChatEventDto Valid = TestEvents.Message("acme", "support-eu", "c-1042", 7, "agent", "agent-42", "Thanks for waiting!");

    private EventParseResult Parse(string json, string? key = null) => _parser.Parse(Encoding.UTF8.GetBytes(json), key);

    private EventParseResult Parse(byte[] json, string? key = null) => _parser.Parse(json, key);

    [Fact]
    public void The_design_documents_example_parses()
    {
        const string example = """
            { "id": "evt_01J", "type": "message.created", "version": 1,
              "tenant": "acme", "workspace": "support-eu", "conversation": "c-1042",
              "occurredAt": "2026-11-28T10:15:03.120Z", "sequence": 7, "unknownField": {"ignored": true},
              "data": { "messageId": "m-7", "author": { "role": "agent", "id": "agent-42", "name": "Dana", "aiTool": null },
                        "text": "Thanks for waiting! I have refunded the order.", "channel": "chat", "internal": false } }
            """;
        var result = Parse(example, "acme/c-1042");
        Assert.True(result.IsValid, result.Rejection?.ToString());
        var e = result.Event!;
        Assert.Equal(ChatEventType.MessageCreated, e.Type);
        Assert.Equal("acme/c-1042", e.ConversationKey);
        Assert.Equal(7, e.Sequence);
        Assert.Equal(AuthorRole.Agent, e.Author!.Role);
        Assert.Equal("Dana", e.Author.Name);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 10, 15, 3, 120, TimeSpan.Zero), e.OccurredAt);
    }

    [Theory]
    [InlineData("{not json", RejectionCodes.MalformedJson)]
    [InlineData("[1,2,3]", RejectionCodes.MalformedJson)]
    [InlineData("null", RejectionCodes.MalformedJson)]
    [InlineData("", RejectionCodes.MalformedJson)]
    public void Broken_json_is_rejected_as_malformed(string json, string code)
    {
        Assert.Equal(code, Parse(json).Rejection!.Code);
    }

    [Theory]
    [InlineData("\"sequence\":7", "\"sequence\":\"seven\"", RejectionCodes.MalformedJson, "$.sequence")]
    [InlineData("\"type\":\"message.created\"", "\"type\":\"message.deleted\"", RejectionCodes.UnknownType, "message.deleted")]
    [InlineData("\"version\":1", "\"version\":2", RejectionCodes.UnsupportedVersion, "version 2")]
    [InlineData("\"tenant\":\"acme\"", "\"tenant\":\"ACME Corp\"", RejectionCodes.InvalidId, "tenant")]
    [InlineData("\"conversation\":\"c-1042\"", "\"conversation\":\"c/1042\"", RejectionCodes.InvalidId, "conversation")]
    [InlineData("\"id\":\"c-1042-e7\",", "", RejectionCodes.MissingField, "id is required")]
    [InlineData("\"role\":\"agent\"", "\"role\":\"manager\"", RejectionCodes.InvalidField, "data.author.role")]
    [InlineData("\"author\":{\"role\":\"agent\",\"id\":\"agent-42\"}", "\"author\":{\"role\":\"agent\"}", RejectionCodes.MissingField, "data.author.id")]
    public void Each_contract_violation_has_its_reason(string from, string to, string code, string detailContains)
    {
        var result = Parse(TestEvents.Mangle(Valid, from, to));
        Assert.False(result.IsValid);
        Assert.Equal(code, result.Rejection!.Code);
        Assert.Contains(detailContains, result.Rejection.Detail);
    }

    [Fact]
    public void Text_over_32_KiB_is_rejected_but_32_KiB_exactly_is_accepted()
    {
        var limit = TestEvents.Message("acme", "w", "c-1", 1, "customer", null, new string('a', EventLimits.MaxTextBytes));
        var over = TestEvents.Message("acme", "w", "c-1", 1, "customer", null, new string('é', EventLimits.MaxTextBytes / 2 + 1));
        Assert.True(Parse(TestEvents.Json(limit)).IsValid);
        var rejection = Parse(TestEvents.Json(over)).Rejection!;
        Assert.Equal(RejectionCodes.TextTooLarge, rejection.Code);
    }

    [Fact]
    public void An_oversized_message_is_rejected_before_parsing()
    {
        var parser = new ChatEventParser(new EventContractOptions { MaxEventBytes = 1024 }, TimeProvider.System);
        var result = parser.Parse(new byte[2048]);
        Assert.Equal(RejectionCodes.EventTooLarge, result.Rejection!.Code);
    }

    [Fact]
    public void Timestamps_from_the_future_or_before_2000_are_rejected()
    {
        var future = TestEvents.Message("acme", "w", "c-1", 1, "customer", null, "hi", DateTimeOffset.UtcNow.AddHours(1));
        var ancient = TestEvents.Message("acme", "w", "c-1", 1, "customer", null, "hi", new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(RejectionCodes.TimestampOutOfRange, Parse(TestEvents.Json(future)).Rejection!.Code);
        Assert.Equal(RejectionCodes.TimestampOutOfRange, Parse(TestEvents.Json(ancient)).Rejection!.Code);
    }

    [Fact]
    public void A_key_that_differs_from_tenant_and_conversation_is_rejected()
    {
        var result = Parse(TestEvents.Json(Valid), "acme/another");
        Assert.Equal(RejectionCodes.KeyMismatch, result.Rejection!.Code);
        Assert.True(Parse(TestEvents.Json(Valid), "acme/c-1042").IsValid);
    }

    [Fact]
    public void Negative_sequences_are_invalid()
    {
        var e = TestEvents.Message("acme", "w", "c-1", -1, "customer", null, "hi");
        Assert.Equal(RejectionCodes.InvalidField, Parse(TestEvents.Json(e)).Rejection!.Code);
    }

    [Fact]
    public void Type_specific_data_is_validated()
    {
        var csat = TestEvents.Of("csat.received", "acme", "w", "c-1", 1, new() { Score = 6 });
        var tags = TestEvents.Of("conversation.tagged", "acme", "w", "c-1", 1, new() { Tags = [] });
        var closed = TestEvents.Of("conversation.closed", "acme", "w", "c-1", 1, new() { Resolution = "maybe" });
        var assigned = TestEvents.Of("agent.assigned", "acme", "w", "c-1", 1, new() { Agent = new() { Role = "customer", Id = "x" } });
        var handoff = TestEvents.Of("conversation.handoff", "acme", "w", "c-1", 1);
        var started = TestEvents.Of("conversation.started", "acme", "w", "c-1", 1, new() { Customer = new() { Email = "not-an-email" } });
        Assert.Contains("data.score", Parse(TestEvents.Json(csat)).Rejection!.Detail);
        Assert.Contains("data.tags", Parse(TestEvents.Json(tags)).Rejection!.Detail);
        Assert.Contains("data.resolution", Parse(TestEvents.Json(closed)).Rejection!.Detail);
        Assert.Contains("data.agent.role", Parse(TestEvents.Json(assigned)).Rejection!.Detail);
        Assert.Contains("data.to", Parse(TestEvents.Json(handoff)).Rejection!.Detail);
        Assert.Contains("data.customer.email", Parse(TestEvents.Json(started)).Rejection!.Detail);
    }

    [Fact]
    public void Every_type_parses_with_its_data()
    {
        var events = new[]
        {
            TestEvents.Of("conversation.started", "acme", "w", "c-1", 1, new() { Channel = "chat", Subject = "Refund", Customer = new() { Id = "u1", Email = "a@b.io", Phone = "+44 20 7946 0958" } }),
            TestEvents.Of("agent.assigned", "acme", "w", "c-1", 2, new() { Agent = new() { Id = "bot-1", Role = "bot" } }),
            TestEvents.Of("conversation.handoff", "acme", "w", "c-1", 3, new() { From = new() { Role = "bot", Id = "bot-1" }, To = new() { Role = "agent", Id = "a-1" } }),
            TestEvents.Of("conversation.tagged", "acme", "w", "c-1", 4, new() { Tags = ["vip", "refund"] }),
            TestEvents.Of("csat.received", "acme", "w", "c-1", 5, new() { Score = 4 }),
            TestEvents.Of("conversation.closed", "acme", "w", "c-1", 6, new() { Resolution = "resolved" }),
            TestEvents.Of("conversation.reopened", "acme", "w", "c-1", 7),
        };
        var parsed = events.Select(e => Parse(TestEvents.Json(e))).ToList();
        Assert.All(parsed, p => Assert.True(p.IsValid, p.Rejection?.ToString()));
        Assert.Equal("a-1", parsed[2].Event!.Agent!.Id);
        Assert.Equal(["vip", "refund"], parsed[3].Event!.Tags!);
        Assert.Equal(4, parsed[4].Event!.CsatScore);
        Assert.Equal("resolved", parsed[5].Event!.Resolution);
        Assert.Equal(ChatEventType.ConversationReopened, parsed[6].Event!.Type);
    }
}
