using System.Text.Json;
using CraftCX.Api.Connectors;
using CraftCX.Api.Connectors.Intercom;
using CraftCX.Connectors;

namespace CraftCX.Tests.Connectors;

[Trait("Category", "Unit")]
public sealed class IntercomWebhookMapperTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly ConnectorMapping Mapping = new("general", new Dictionary<string, string> { ["5234"] = "shipping" }, null, null);

    public static Dictionary<string, DateTimeOffset> Times(DateTimeOffset start) => new()
    {
        ["created"] = start,
        ["fin"] = start.AddSeconds(20),
        ["assigned"] = start.AddMinutes(1),
        ["note"] = start.AddMinutes(2),
        ["reply"] = start.AddMinutes(4),
        ["closed"] = start.AddMinutes(6),
        ["rated"] = start.AddMinutes(8),
    };

    private static HelpdeskMapResult Map(string fixture, ConnectorMapping? mapping = null, Func<string, string>? edit = null)
    {
        var json = System.Text.Encoding.UTF8.GetString(HelpdeskFixtures.Intercom(fixture, "215474343849634", Times(At)));
        using var document = JsonDocument.Parse(edit?.Invoke(json) ?? json);
        return IntercomWebhookMapper.Map(document.RootElement, "t", mapping ?? Mapping);
    }

    [Fact]
    public void A_new_conversation_starts_with_its_source_message_in_plain_text_on_the_chat_clock()
    {
        var result = Map("user-created");
        Assert.Null(result.Failure);
        Assert.Equal(["conversation.started", "message.created"], result.Events.Select(e => e.Type));
        var (started, message) = (result.Events[0], result.Events[1]);
        Assert.Equal(("ic-215474343849634", "shipping", "t"), (started.Conversation, started.Workspace, started.Tenant));
        Assert.Equal(At, started.OccurredAt);
        Assert.Equal("chat", started.Data!.Channel);
        Assert.Equal("ic-contact-64f0b1c2d3e4f5a6b7c8d9e0", started.Data.Customer!.Id);
        Assert.Equal(("customer", "ic-contact-64f0b1c2d3e4f5a6b7c8d9e0"), (message.Data!.Author!.Role, message.Data.Author.Id));
        Assert.Equal("Hi, my parcel has not arrived & the tracking page is empty.\nOrder 4471", message.Data.Text);
        Assert.True(started.Sequence < message.Sequence);
    }

    [Fact]
    public void Fin_is_a_bot_an_admin_an_agent_and_a_note_is_internal()
    {
        var fin = Map("operator-replied").Events.Single(e => e.Id == "ic-p-21001");
        Assert.Equal(("bot", "intercom-fin", "ic-bot-6827949"), (fin.Data!.Author!.Role, fin.Data.Author.AiTool, fin.Data.Author.Id));
        Assert.False(fin.Data.Internal);

        var reply = Map("admin-replied").Events.Single(e => e.Id == "ic-p-21004");
        Assert.Equal(("agent", "ic-admin-814860"), (reply.Data!.Author!.Role, reply.Data.Author.Id));
        Assert.Equal("Sorry for the wait, Sam. Your parcel is at the depot and goes out tomorrow.\nI have refunded the shipping fee.", reply.Data.Text);

        var note = Map("admin-noted").Events.Single(e => e.Id == "ic-p-21003");
        Assert.True(note.Data!.Internal);

        // An admin id the mapping lists is a bot (a workflow acting as a teammate), not Fin.
        var listed = Map("admin-replied", Mapping with { BotIds = ["814860"] }).Events.Single(e => e.Id == "ic-p-21004");
        Assert.Equal(("bot", "intercom-bot"), (listed.Data!.Author!.Role, listed.Data.Author.AiTool));
    }

    [Fact]
    public void Assignment_close_rating_and_tags_map_and_every_delivery_repeats_the_same_start()
    {
        var assigned = Map("admin-assigned").Events.Single(e => e.Type == "agent.assigned");
        Assert.Equal("ic-admin-814860", assigned.Data!.Agent!.Id);
        Assert.Equal(At.AddMinutes(1), assigned.OccurredAt);

        var closed = Map("admin-closed").Events.Single(e => e.Type == "conversation.closed");
        Assert.Equal("ic-p-21005", closed.Id);

        var rating = Map("rating-added").Events.Single(e => e.Type == "csat.received");
        Assert.Equal(5, rating.Data!.Score);
        Assert.Equal(At.AddMinutes(8), rating.OccurredAt);

        var tagged = Map("admin-replied").Events.Single(e => e.Type == "conversation.tagged");
        Assert.Equal(["delivery"], tagged.Data!.Tags!);
        Assert.Equal(tagged.Id, Map("admin-closed").Events.Single(e => e.Type == "conversation.tagged").Id);

        // Each notification carries the whole conversation: its start and source message have one id in all of them.
        Assert.Equal(["ic-215474343849634-created", "ic-215474343849634-source"], Map("admin-closed").Events.Take(2).Select(e => e.Id));
        Assert.Equal(["ic-215474343849634-created", "ic-215474343849634-source"], Map("rating-added").Events.Take(2).Select(e => e.Id));
    }

    [Fact]
    public void Other_topics_are_ignored_and_what_is_not_a_conversation_fails_with_a_reason()
    {
        Assert.Equal("ping", Map("ping").IgnoredType);
        Assert.Equal("contact.user.created", Map("contact-user-created").IgnoredType);
        Assert.Equal("conversation.deleted", Map("user-created", edit: j => j.Replace("conversation.user.created", "conversation.deleted")).IgnoredType);

        Assert.Contains("notification_event", Map("user-created", edit: j => j.Replace("\"notification_event\"", "\"event\"")).Failure!.Detail, StringComparison.Ordinal);
        Assert.Contains("no id", Map("user-created", edit: j => j.Replace("\"id\":\"215474343849634\",", string.Empty)).Failure!.Detail, StringComparison.Ordinal);
        Assert.Contains("data.item", Map("user-created", edit: j => j.Replace("\"type\":\"conversation\",\"id\"", "\"type\":\"ticket\",\"id\"")).Failure!.Detail, StringComparison.Ordinal);
        Assert.Equal("notif_0b2f6a2e-1c1d-4c8e-9d2a-6f3b1a7c0001", IntercomWebhookMapper.DeliveryIdOf(JsonDocument.Parse(HelpdeskFixtures.Intercom("user-created", "1", Times(At))).RootElement));
    }

    [Theory]
    [InlineData("plain words", "plain words")]
    [InlineData("<p>One</p><p>Two</p>", "One\nTwo")]
    [InlineData("<p>a&nbsp;&amp;&lt;b&gt;</p>", "a\u00a0&<b>")]
    [InlineData("line<br>break<br/>again", "line\nbreak\nagain")]
    [InlineData("<p>x</p><script>alert(1)</script><style>p{}</style>", "x")]
    [InlineData("<ul><li>first</li><li>second</li></ul>", "first\nsecond")]
    [InlineData("<p>unclosed <b>bold", "unclosed bold")]
    [InlineData("", "")]
    public void Html_bodies_become_the_text_a_reader_saw(string html, string text) => Assert.Equal(text, HtmlText.Of(html));
}
