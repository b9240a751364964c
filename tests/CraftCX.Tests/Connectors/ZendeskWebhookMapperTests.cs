using System.Text.Json;
using CraftCX.Api.Connectors;
using CraftCX.Api.Connectors.Zendesk;
using CraftCX.Connectors;

namespace CraftCX.Tests.Connectors;

[Trait("Category", "Unit")]
public sealed class ZendeskWebhookMapperTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly ConnectorMapping Mapping = new("general", new Dictionary<string, string> { ["8447320466430"] = "shipping" }, ["8447388090777"], null);

    private static HelpdeskMapResult Map(string fixture, Func<string, string>? edit = null)
    {
        var times = new Dictionary<string, DateTimeOffset> { ["created"] = At, ["customer"] = At, ["assigned"] = At.AddMinutes(2), ["note"] = At.AddMinutes(10), ["reply"] = At.AddMinutes(30) };
        var json = System.Text.Encoding.UTF8.GetString(HelpdeskFixtures.Zendesk(fixture, "501", times));
        using var document = JsonDocument.Parse(edit?.Invoke(json) ?? json);
        return ZendeskWebhookMapper.Map(document.RootElement, "t", Mapping);
    }

    [Fact]
    public void A_comment_is_a_message_of_the_ticket_with_its_start_and_a_listed_bot_is_a_bot()
    {
        var result = Map("comment-added-agent");
        Assert.Null(result.Failure);
        Assert.Equal(["conversation.started", "message.created"], result.Events.Select(e => e.Type));
        var started = result.Events[0];
        var message = result.Events[1];
        Assert.Equal(("zd-501", "shipping", "t"), (message.Conversation, message.Workspace, message.Tenant));
        Assert.Equal("zd-c-58789194475688", message.Id);
        Assert.Equal("zd-c-58789194475688", message.Data!.MessageId);
        Assert.Equal("email", message.Data.Channel);
        Assert.False(message.Data.Internal);

        // 8447388090777 is in botIds here: its replies are a bot's.
        Assert.Equal(("bot", "zd-user-8447388090777"), (message.Data.Author!.Role, message.Data.Author.Id));
        Assert.Equal(At, started.OccurredAt);
        Assert.True(started.Sequence < message.Sequence);
        Assert.Equal("zd-user-8447388090494", started.Data!.Customer!.Id);
    }

    [Fact]
    public void A_private_comment_is_internal_and_the_status_and_assignment_changes_map_or_are_ignored()
    {
        Assert.True(Map("comment-added-internal-note").Events[1].Data!.Internal);

        var closed = Assert.Single(Map("status-changed-solved").Events);
        Assert.Equal("conversation.closed", closed.Type);
        Assert.True(closed.Sequence < Map("comment-added-agent").Events[1].Sequence, "a close and its reply in one second are both applied, in either order");

        var reopened = Assert.Single(Map("status-changed-solved", j => j.Replace("\"current\":\"SOLVED\",\"previous\":\"OPEN\"", "\"current\":\"OPEN\",\"previous\":\"SOLVED\"")).Events);
        Assert.Equal("conversation.reopened", reopened.Type);
        Assert.NotNull(Map("status-changed-solved", j => j.Replace("\"current\":\"SOLVED\",\"previous\":\"OPEN\"", "\"current\":\"PENDING\",\"previous\":\"OPEN\"")).IgnoredType);

        Assert.Equal("agent.assigned", Assert.Single(Map("agent-assignment-changed").Events).Type);
        Assert.NotNull(Map("agent-assignment-changed", j => j.Replace("\"current\":\"8447388090777\"", "\"current\":null")).IgnoredType);
        Assert.Equal("ticket.priority_changed", Map("priority-changed").IgnoredType);
        Assert.Equal("user.active_changed", Map("user-active-changed").IgnoredType);
    }

    [Theory]
    [InlineData("mail", "email")]
    [InlineData("web_service", "email")]
    [InlineData("native_messaging", "messaging")]
    [InlineData("whatsapp", "messaging")]
    [InlineData("twitter_dm", "social")]
    [InlineData("chat_transcript", "chat")]
    [InlineData("phone_call_inbound", "voice")]
    public void The_via_channel_picks_the_channel(string via, string channel) =>
        Assert.Equal(channel, ZendeskChannels.Of(via, fallback: null));

    [Fact]
    public void A_payload_without_its_ticket_or_type_fails_with_the_reason()
    {
        Assert.Contains("detail.id", Map("comment-added-agent", j => j.Replace("\"id\":\"501\",", string.Empty)).Failure!.Detail);
        Assert.Contains("event.comment.id", Map("comment-added-agent", j => j.Replace("\"id\":\"58789194475688\",", string.Empty)).Failure!.Detail);
        using var notZendesk = JsonDocument.Parse("""{"topic":"conversation.user.created"}""");
        Assert.Equal("unmappable", ZendeskWebhookMapper.Map(notZendesk.RootElement, "t", Mapping).Failure!.Code);
    }
}
