namespace CraftCX.Events;

/// <summary>A validated contract v1 event; the type-specific data fields are set only for their types.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.chat-event.v1")]
public sealed record ChatEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] ChatEventType Type,
    [property: Id(2)] string Tenant,
    [property: Id(3)] string Workspace,
    [property: Id(4)] string Conversation,
    [property: Id(5)] DateTimeOffset OccurredAt,
    [property: Id(6)] long Sequence)
{
    /// <summary>message.created: the message id.</summary>
    [Id(7)] public string? MessageId { get; init; }

    /// <summary>message.created: who wrote it.</summary>
    [Id(8)] public Participant? Author { get; init; }

    /// <summary>message.created: the text (at most <see cref="EventLimits.MaxTextBytes"/> UTF-8 bytes).</summary>
    [Id(9)] public string? Text { get; init; }

    /// <summary>conversation.started and message.created: chat, email, voice...</summary>
    [Id(10)] public string? Channel { get; init; }

    /// <summary>message.created: an internal note the customer never sees.</summary>
    [Id(11)] public bool Internal { get; init; }

    /// <summary>conversation.started: the end user.</summary>
    [Id(12)] public CustomerRef? Customer { get; init; }

    /// <summary>conversation.started: the subject line.</summary>
    [Id(13)] public string? Subject { get; init; }

    /// <summary>agent.assigned: the assignee; conversation.handoff: the new handler.</summary>
    [Id(14)] public Participant? Agent { get; init; }

    /// <summary>conversation.handoff: the previous handler.</summary>
    [Id(15)] public Participant? HandoffFrom { get; init; }

    /// <summary>conversation.handoff, closed, reopened: free-text reason.</summary>
    [Id(16)] public string? Reason { get; init; }

    /// <summary>conversation.tagged: the tags added.</summary>
    [Id(17)] public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>csat.received: the rating, 1 to 5.</summary>
    [Id(18)] public int? CsatScore { get; init; }

    /// <summary>conversation.closed: resolved, unresolved, abandoned or transferred.</summary>
    [Id(19)] public string? Resolution { get; init; }

    /// <summary>The grain key and Kafka message key: tenant/conversation.</summary>
    public string ConversationKey => GrainKeys.Compose(Tenant, Conversation);
}
