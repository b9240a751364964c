using System.Text.Json;
using CraftCX.Connectors;

namespace CraftCX.Api.Connectors.Intercom;

/// <summary>
/// Intercom webhook notifications (<c>type</c> notification_event): the conversation topics carry the conversation
/// in <c>data.item</c>, mapped whole (its ids make a part delivered under two topics, or again in a retry, one event);
/// ping, conversation.deleted, conversation.read and every other topic are ignored.
/// </summary>
internal static class IntercomWebhookMapper
{
    private static readonly HashSet<string> IgnoredConversationTopics = new(StringComparer.Ordinal)
    {
        "conversation.deleted", "conversation.read", "conversation.contact.attached", "conversation.contact.detached", "conversation.priority.updated",
    };

    public static HelpdeskMapResult Map(JsonElement root, string tenant, ConnectorMapping mapping)
    {
        if (root.ValueKind != JsonValueKind.Object || JsonFields.Text(root, "type") != "notification_event" || JsonFields.Text(root, "topic") is not { Length: > 0 } topic)
        {
            return HelpdeskMapResult.Fail("The delivery is not an Intercom notification (type notification_event with a topic).");
        }

        if (!topic.StartsWith("conversation.", StringComparison.Ordinal) || IgnoredConversationTopics.Contains(topic))
        {
            return HelpdeskMapResult.Ignore(topic);
        }

        if (JsonFields.Object(JsonFields.Object(root, "data") ?? default, "item") is not { } item || JsonFields.Text(item, "type") is not ("conversation" or null))
        {
            return HelpdeskMapResult.Fail($"The {topic} notification has no conversation in data.item.");
        }

        return IntercomConversationMapper.Map(item, tenant, mapping);
    }

    /// <summary>The notification's id: Intercom signs no timestamp, so retries are known by it.</summary>
    public static string? DeliveryIdOf(JsonElement root) => JsonFields.Text(root, "id");
}
