using System.Text.Json;
using CraftCX.Connectors;
using CraftCX.Events.Json;

namespace CraftCX.Api.Connectors.Intercom;

/// <summary>
/// An Intercom conversation object (as a webhook's <c>data.item</c> and as the REST API and its exports give it) as
/// contract events: the conversation ("ic-{id}") starts at its <c>created_at</c> with its source message, comment parts
/// are messages and notes internal messages, an assignment to an admin is agent.assigned, close and open parts close
/// and reopen it, a rating is csat.received and its tags tag it. Every event id comes from Intercom's own ids, so a
/// part met in a webhook and again in an export is one event. Bots (Fin, workflows, and the admin ids the mapping names)
/// are bot participants.
/// </summary>
internal static class IntercomConversationMapper
{
    private const string FinTool = "intercom-fin";
    private const string BotTool = "intercom-bot";

    public static HelpdeskMapResult Map(JsonElement conversation, string tenant, ConnectorMapping mapping)
    {
        if (JsonFields.Id(conversation, "id") is not { } id)
        {
            return HelpdeskMapResult.Fail("The conversation has no id.");
        }

        if (JsonFields.Time(conversation, "created_at") is not { } createdAt)
        {
            return HelpdeskMapResult.Fail($"Conversation {id} has no created_at.");
        }

        var source = JsonFields.Object(conversation, "source") ?? default;
        var context = new MappedConversation(tenant, "ic-" + id, Workspace(conversation, mapping), IntercomChannels.Of(JsonFields.Text(source, "type"), mapping.DefaultChannel));
        var events = new List<ChatEventDto>
        {
            context.Event($"{context.Conversation}-created", "conversation.started", createdAt, ConnectorSequence.Started, new ChatEventDataDto
            {
                Channel = context.Channel,
                Subject = JsonFields.Text(source, "subject") is { Length: > 0 } subject ? HtmlText.Of(subject) : null,
                Customer = Customer(conversation, source) is { } customer ? new CustomerDto { Id = customer } : null,
            }),
        };

        if (JsonFields.Text(source, "body") is { Length: > 0 } sourceBody)
        {
            events.Add(context.Event($"{context.Conversation}-source", "message.created", createdAt, ConnectorSequence.Message, new ChatEventDataDto
            {
                MessageId = $"{context.Conversation}-source",
                Author = Participant(JsonFields.Object(source, "author"), mapping),
                Text = HtmlText.Of(sourceBody),
                Channel = context.Channel,
            }));
        }

        var position = 1;
        foreach (var part in Parts(conversation))
        {
            if (Part(context, part, position++, mapping) is { } mapped)
            {
                events.Add(mapped);
            }
        }

        if (JsonFields.Object(conversation, "conversation_rating") is { } rating && JsonFields.Text(rating, "rating") is { } value && int.TryParse(value, out var stars))
        {
            var ratedAt = JsonFields.Time(rating, "created_at") ?? JsonFields.Time(conversation, "updated_at") ?? createdAt;
            events.Add(context.Event($"{context.Conversation}-rating-{ratedAt.ToUnixTimeSeconds()}", "csat.received", ratedAt, ConnectorSequence.Rating, new ChatEventDataDto { Score = stars }));
        }

        if (Tags(conversation) is { Count: > 0 } tags)
        {
            var taggedAt = JsonFields.Time(conversation, "updated_at") ?? createdAt;
            events.Add(context.Event(context.TagsEventId(tags), "conversation.tagged", taggedAt, ConnectorSequence.Tagged, new ChatEventDataDto { Tags = tags }));
        }

        return new HelpdeskMapResult(events, null, null);
    }

    private static ChatEventDto? Part(MappedConversation context, JsonElement part, int position, ConnectorMapping mapping)
    {
        if (JsonFields.Id(part, "id") is not { } partId || JsonFields.Time(part, "created_at") is not { } at)
        {
            return null;
        }

        var eventId = "ic-p-" + partId;
        var author = JsonFields.Object(part, "author");
        switch (JsonFields.Text(part, "part_type"))
        {
            case "comment" or "note" or "note_and_reopen" when JsonFields.Text(part, "body") is { } body:
                return context.Event(eventId, "message.created", at, ConnectorSequence.Message + position, new ChatEventDataDto
                {
                    MessageId = eventId,
                    Author = Participant(author, mapping),
                    Text = HtmlText.Of(body),
                    Internal = JsonFields.Text(part, "part_type") != "comment",
                    Channel = context.Channel,
                });
            case "assignment" or "default_assignment" or "assign_and_reopen" or "away_mode_assignment" or "assign_and_unsnooze"
                when JsonFields.Object(part, "assigned_to") is { } to && JsonFields.Text(to, "type") == "admin" && JsonFields.Id(to, "id") is { } admin:
                return context.Event(eventId, "agent.assigned", at, ConnectorSequence.Assigned, new ChatEventDataDto
                {
                    Agent = Participant("admin", admin, null, isAiAnswer: false, mapping),
                });
            case "close":
                return context.Event(eventId, "conversation.closed", at, ConnectorSequence.Closed, new ChatEventDataDto { Resolution = "resolved" });
            case "open":
                return context.Event(eventId, "conversation.reopened", at, ConnectorSequence.Reopened, new ChatEventDataDto());
            default:
                return null;
        }
    }

    private static IEnumerable<JsonElement> Parts(JsonElement conversation) =>
        JsonFields.Object(conversation, "conversation_parts") is { } list && list.TryGetProperty("conversation_parts", out var parts) && parts.ValueKind == JsonValueKind.Array
            ? parts.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Object)
            : [];

    private static List<string> Tags(JsonElement conversation) =>
        JsonFields.Object(conversation, "tags") is { } list && list.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? tags.EnumerateArray().Select(t => JsonFields.Text(t, "name")).OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            : [];

    private static string? Customer(JsonElement conversation, JsonElement source)
    {
        if (JsonFields.Object(source, "author") is { } author && IsContact(JsonFields.Text(author, "type")) && JsonFields.Id(author, "id") is { } id)
        {
            return "ic-contact-" + id;
        }

        return JsonFields.Object(conversation, "contacts") is { } list && list.TryGetProperty("contacts", out var contacts) && contacts.ValueKind == JsonValueKind.Array
            ? contacts.EnumerateArray().Select(c => JsonFields.Id(c, "id")).OfType<string>().Select(c => "ic-contact-" + c).FirstOrDefault()
            : null;
    }

    private static bool IsContact(string? type) => type is "user" or "lead" or "contact";

    private static ParticipantDto Participant(JsonElement? author, ConnectorMapping mapping) =>
        author is { } a && JsonFields.Text(a, "type") is { } type && JsonFields.Id(a, "id") is { } id
            ? Participant(type, id, JsonFields.Text(a, "name"), (JsonFields.Bool(a, "from_ai_agent") ?? false) || (JsonFields.Bool(a, "is_ai_answer") ?? false), mapping)
            : new ParticipantDto { Role = "system" };

    /// <summary>A contact is the customer, an admin an agent (or a bot when the mapping names it), a bot a bot: Fin when it says so.</summary>
    public static ParticipantDto Participant(string type, string id, string? name, bool isAiAnswer, ConnectorMapping mapping)
    {
        if (IsContact(type))
        {
            return new ParticipantDto { Role = "customer", Id = "ic-contact-" + id };
        }

        if (type == "bot" || mapping.BotIds?.Contains(id, StringComparer.Ordinal) == true)
        {
            var fin = isAiAnswer || name?.Contains("Fin", StringComparison.Ordinal) == true;
            return new ParticipantDto { Role = "bot", Id = $"ic-{type}-{id}", Name = name, AiTool = fin ? FinTool : BotTool };
        }

        return type is "admin" or "team"
            ? new ParticipantDto { Role = "agent", Id = $"ic-{type}-{id}", Name = name }
            : new ParticipantDto { Role = "system" };
    }

    private static string Workspace(JsonElement conversation, ConnectorMapping mapping) =>
        JsonFields.Id(conversation, "team_assignee_id") is { } team && mapping.Workspaces?.GetValueOrDefault(team) is { } workspace ? workspace : mapping.DefaultWorkspace;
}
