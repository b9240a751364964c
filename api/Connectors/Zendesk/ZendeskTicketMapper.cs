using System.Text.Json;
using CraftCX.Connectors;
using CraftCX.Events.Json;

namespace CraftCX.Api.Connectors.Zendesk;

/// <summary>
/// A ticket of Zendesk's exports (the incremental ticket export, or the account's JSON export with its comments
/// inline) as the events of its whole life: started at <c>created_at</c>, each comment a message or internal note,
/// its assignee, its tags, solved or closed at <c>metric_set.solved_at</c>, and a good or bad satisfaction rating.
/// Ids are those the webhooks use ("zd-{ticket}-created", "zd-c-{comment}"), so a ticket met in both is one conversation.
/// </summary>
internal static class ZendeskTicketMapper
{
    /// <param name="roles">User id → Zendesk role (end-user, agent, admin) when the export page sideloads its users.</param>
    public static HelpdeskMapResult Map(JsonElement ticket, string tenant, ConnectorMapping mapping, IReadOnlyDictionary<string, string>? roles)
    {
        if (ticket.ValueKind != JsonValueKind.Object || JsonFields.Id(ticket, "id") is not { } id)
        {
            return HelpdeskMapResult.Fail("The record is not a Zendesk ticket (no id).");
        }

        if (JsonFields.Time(ticket, "created_at") is not { } createdAt)
        {
            return HelpdeskMapResult.Fail($"Ticket {id} has no created_at.");
        }

        if (JsonFields.Text(ticket, "status") is "deleted")
        {
            return HelpdeskMapResult.Ignore("deleted ticket");
        }

        var requester = JsonFields.Id(ticket, "requester_id");
        var context = new MappedConversation(tenant, "zd-" + id, ZendeskWebhookMapper.Workspace(ticket, mapping), ZendeskChannels.Of(JsonFields.Text(JsonFields.Object(ticket, "via") ?? default, "channel"), mapping.DefaultChannel));
        var events = new List<ChatEventDto>
        {
            context.Event($"{context.Conversation}-created", "conversation.started", createdAt, ConnectorSequence.Started, new ChatEventDataDto
            {
                Channel = context.Channel,
                Subject = JsonFields.Text(ticket, "subject"),
                Customer = requester is not null ? new CustomerDto { Id = "zd-user-" + requester } : null,
            }),
        };

        var last = createdAt;
        var comments = Comments(ticket).ToList();
        for (var position = 0; position < comments.Count; position++)
        {
            var comment = comments[position];
            if (JsonFields.Id(comment, "id") is not { } commentId || JsonFields.Time(comment, "created_at") is not { } at)
            {
                return HelpdeskMapResult.Fail($"A comment of ticket {id} has no id or created_at.");
            }

            var author = JsonFields.Id(comment, "author_id");
            events.Add(context.Event("zd-c-" + commentId, "message.created", at, ConnectorSequence.Message + position, new ChatEventDataDto
            {
                MessageId = "zd-c-" + commentId,
                Author = author is null ? new ParticipantDto { Role = "system" } : ZendeskWebhookMapper.Participant(author, IsStaff(author, requester, roles), null, mapping),
                Text = JsonFields.Text(comment, "plain_body") ?? JsonFields.Text(comment, "body") ?? string.Empty,
                Internal = !(JsonFields.Bool(comment, "public") ?? true),
                Channel = context.Channel,
            }));
            last = at > last ? at : last;
        }

        if (JsonFields.Id(ticket, "assignee_id") is { } assignee)
        {
            // Assigned by the time the assignee first wrote, else at the start: the export keeps no assignment time.
            var assignedAt = comments.Where(c => JsonFields.Id(c, "author_id") == assignee).Select(c => JsonFields.Time(c, "created_at")).OfType<DateTimeOffset>().DefaultIfEmpty(createdAt).Min();
            events.Add(context.Event($"{context.Conversation}-assigned-{assignee}", "agent.assigned", assignedAt, ConnectorSequence.Assigned, new ChatEventDataDto
            {
                Agent = ZendeskWebhookMapper.Participant(assignee, isStaff: true, null, mapping),
            }));
        }

        if (JsonFields.Strings(ticket, "tags") is { Count: > 0 } tags)
        {
            events.Add(context.Event(context.TagsEventId(tags), "conversation.tagged", createdAt, ConnectorSequence.Tagged, new ChatEventDataDto { Tags = tags.Distinct(StringComparer.Ordinal).ToList() }));
        }

        if (JsonFields.Text(ticket, "status") is "solved" or "closed")
        {
            var solvedAt = JsonFields.Time(JsonFields.Object(ticket, "metric_set") ?? default, "solved_at") ?? JsonFields.Time(ticket, "updated_at") ?? last;
            var closedAt = solvedAt < last ? last : solvedAt;
            events.Add(context.Event($"{context.Conversation}-closed-{closedAt.ToUnixTimeSeconds()}", "conversation.closed", closedAt, ConnectorSequence.Closed, new ChatEventDataDto { Resolution = "resolved" }));
            last = closedAt;
        }

        if (JsonFields.Object(ticket, "satisfaction_rating") is { } rating && JsonFields.Text(rating, "score") is "good" or "bad")
        {
            var ratedAt = JsonFields.Time(rating, "updated_at") ?? JsonFields.Time(rating, "created_at") ?? last;
            events.Add(context.Event($"{context.Conversation}-csat-{JsonFields.Id(rating, "id") ?? ratedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}", "csat.received", ratedAt < last ? last : ratedAt, ConnectorSequence.Rating, new ChatEventDataDto
            {
                Score = JsonFields.Text(rating, "score") == "good" ? 5 : 1,
            }));
        }

        return new HelpdeskMapResult(events, null, null);
    }

    private static IEnumerable<JsonElement> Comments(JsonElement ticket) =>
        ticket.TryGetProperty("comments", out var comments) && comments.ValueKind == JsonValueKind.Array
            ? comments.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object).OrderBy(c => JsonFields.Time(c, "created_at"))
            : [];

    /// <summary>The requester is the customer; a sideloaded role says who else is staff; without roles anyone else is.</summary>
    private static bool IsStaff(string author, string? requester, IReadOnlyDictionary<string, string>? roles) =>
        author != requester && (roles?.GetValueOrDefault(author) is not { } role || role is "agent" or "admin");
}
