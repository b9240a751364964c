using System.Text.Json;
using CraftCX.Connectors;
using CraftCX.Events.Json;

namespace CraftCX.Api.Connectors.Zendesk;

/// <summary>
/// Zendesk event webhooks (zendesk_event_version 2022-11-06) as contract events: a ticket is a conversation
/// ("zd-{ticket id}"), ticket.created starts it, a public comment is a message and a private one an internal note,
/// an agent assignment is agent.assigned, solved or closed closes it and a later open status reopens it, added tags
/// tag it. Every other documented ticket event is ignored. A comment's event id is its comment id, so the same
/// comment delivered twice (a retry, two subscriptions) is one message.
/// </summary>
internal static class ZendeskWebhookMapper
{
    private const string TypePrefix = "zen:event-type:";

    public static HelpdeskMapResult Map(JsonElement root, string tenant, ConnectorMapping mapping)
    {
        if (root.ValueKind != JsonValueKind.Object || JsonFields.Text(root, "type") is not { } type || !type.StartsWith(TypePrefix, StringComparison.Ordinal))
        {
            return HelpdeskMapResult.Fail("The delivery is not a Zendesk event (no type starting with zen:event-type:).");
        }

        var kind = type[TypePrefix.Length..];
        if (!kind.StartsWith("ticket.", StringComparison.Ordinal))
        {
            return HelpdeskMapResult.Ignore(kind);
        }

        if (JsonFields.Object(root, "detail") is not { } ticket || JsonFields.Id(ticket, "id") is not { } ticketId)
        {
            return HelpdeskMapResult.Fail($"The {kind} event has no detail.id (the ticket).");
        }

        if (JsonFields.Time(root, "time") is not { } at)
        {
            return HelpdeskMapResult.Fail($"The {kind} event of ticket {ticketId} has no time.");
        }

        var eventId = JsonFields.Text(root, "id");
        var change = JsonFields.Object(root, "event") ?? default;
        var context = new TicketContext(new MappedConversation(tenant, "zd-" + ticketId, Workspace(ticket, mapping), ZendeskChannels.Of(JsonFields.Text(JsonFields.Object(ticket, "via") ?? default, "channel"), mapping.DefaultChannel)), at);
        return kind switch
        {
            "ticket.created" => HelpdeskMapResult.Of(Started(context, ticket)),
            "ticket.comment_added" => Comment(context, ticket, change, mapping, kind),
            "ticket.agent_assignment_changed" => JsonFields.Id(change, "current") is { } agent && eventId is not null
                ? HelpdeskMapResult.Of(context.Event("zd-" + eventId, "agent.assigned", ConnectorSequence.Assigned, new ChatEventDataDto { Agent = Participant(agent, isStaff: true, null, mapping) }))
                : HelpdeskMapResult.Ignore(kind + " (unassigned)"),
            "ticket.status_changed" => Status(context, change, eventId, kind),
            "ticket.tags_changed" => JsonFields.Strings(change, "tags_added") is { Count: > 0 } tags && eventId is not null
                ? HelpdeskMapResult.Of(context.Event("zd-" + eventId, "conversation.tagged", ConnectorSequence.Tagged, new ChatEventDataDto { Tags = tags.ToList() }))
                : HelpdeskMapResult.Ignore(kind + " (no tag added)"),
            _ => HelpdeskMapResult.Ignore(kind),
        };
    }

    private static ChatEventDto Started(TicketContext context, JsonElement ticket) =>
        context.Event($"{context.Conversation}-created", "conversation.started", ConnectorSequence.Started, new ChatEventDataDto
        {
            Channel = context.Channel,
            Subject = JsonFields.Text(ticket, "subject"),
            Customer = JsonFields.Id(ticket, "requester_id") is { } requester ? new CustomerDto { Id = "zd-user-" + requester } : null,
        }, JsonFields.Time(ticket, "created_at") ?? context.At);

    private static HelpdeskMapResult Comment(TicketContext context, JsonElement ticket, JsonElement change, ConnectorMapping mapping, string kind)
    {
        if (JsonFields.Object(change, "comment") is not { } comment || JsonFields.Id(comment, "id") is not { } commentId)
        {
            return HelpdeskMapResult.Fail($"The {kind} event of {context.Conversation} has no event.comment.id.");
        }

        var author = JsonFields.Object(comment, "author") ?? default;
        var authorId = JsonFields.Id(author, "id");

        // Zendesk does not order its deliveries: a comment carries its ticket's start too (one id, so applied once),
        // in case ticket.created comes after it.
        var position = JsonFields.Object(JsonFields.Object(change, "meta") ?? default, "sequence") is { } sequence && JsonFields.Text(sequence, "position") is { } p && int.TryParse(p, out var n) ? n : 0;
        return HelpdeskMapResult.Of(Started(context, ticket), context.Event("zd-c-" + commentId, "message.created", ConnectorSequence.Message + position, new ChatEventDataDto
        {
            MessageId = "zd-c-" + commentId,
            Author = authorId is null
                ? new ParticipantDto { Role = "system" }
                : Participant(authorId, JsonFields.Bool(author, "is_staff") ?? false, JsonFields.Text(author, "name"), mapping),
            Text = JsonFields.Text(comment, "body") ?? string.Empty,
            Internal = !(JsonFields.Bool(comment, "is_public") ?? true),
            Channel = context.Channel,
        }));
    }

    private static HelpdeskMapResult Status(TicketContext context, JsonElement change, string? eventId, string kind)
    {
        var current = JsonFields.Text(change, "current")?.ToUpperInvariant();
        var previous = JsonFields.Text(change, "previous")?.ToUpperInvariant();
        static bool IsDone(string? status) => status is "SOLVED" or "CLOSED";
        if (IsDone(current) && !IsDone(previous))
        {
            // One id per ticket and second: the solved and closed of one action, or two deliveries of it, close once.
            return HelpdeskMapResult.Of(context.Event($"{context.Conversation}-closed-{context.At.ToUnixTimeSeconds()}", "conversation.closed", ConnectorSequence.Closed, new ChatEventDataDto { Resolution = "resolved" }));
        }

        if (IsDone(previous) && current is "NEW" or "OPEN" or "PENDING" or "HOLD")
        {
            return HelpdeskMapResult.Of(context.Event($"{context.Conversation}-reopened-{context.At.ToUnixTimeSeconds()}", "conversation.reopened", ConnectorSequence.Reopened, new ChatEventDataDto()));
        }

        return eventId is null ? HelpdeskMapResult.Fail($"The {kind} event of {context.Conversation} has no id.") : HelpdeskMapResult.Ignore($"{kind} ({previous ?? "none"} to {current ?? "none"})");
    }

    /// <summary>A user id of the mapping's bots is a bot; a staff member an agent; anyone else the customer.</summary>
    public static ParticipantDto Participant(string id, bool isStaff, string? name, ConnectorMapping mapping) =>
        mapping.BotIds?.Contains(id, StringComparer.Ordinal) == true
            ? new ParticipantDto { Role = "bot", Id = "zd-user-" + id, Name = name, AiTool = "zendesk" }
            : new ParticipantDto { Role = isStaff ? "agent" : "customer", Id = "zd-user-" + id, Name = name };

    public static string Workspace(JsonElement ticket, ConnectorMapping mapping) =>
        JsonFields.Id(ticket, "group_id") is { } group && mapping.Workspaces?.GetValueOrDefault(group) is { } workspace ? workspace : mapping.DefaultWorkspace;

    /// <summary>The ticket's conversation at the moment of the event, which its events take unless they say otherwise.</summary>
    private sealed record TicketContext(MappedConversation Mapped, DateTimeOffset At)
    {
        public string Conversation => Mapped.Conversation;

        public string Channel => Mapped.Channel;

        public ChatEventDto Event(string id, string type, int slot, ChatEventDataDto data, DateTimeOffset? at = null) => Mapped.Event(id, type, at ?? At, slot, data);
    }
}
