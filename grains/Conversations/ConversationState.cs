using CraftCX.Events;
using CraftCX.Privacy;
using CraftCX.Scoring;

namespace CraftCX.Conversations;

/// <summary>Stored state of one conversation: what was applied (for idempotency), the transcript and the scorer's figures.</summary>
[GenerateSerializer, Alias("craftcx.conversation-state.v1")]
internal sealed class ConversationState
{
    public const int MaxParticipants = 20;
    public const int MaxTags = 50;

    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string Workspace { get; set; } = string.Empty;
    [Id(2)] public DateTimeOffset StartedAt { get; set; }
    [Id(3)] public DateTimeOffset LastEventAt { get; set; }
    [Id(4)] public DateTimeOffset? ClosedAt { get; set; }
    [Id(5)] public long LastSequence { get; set; } = -1;
    [Id(6)] public RecentEventIds RecentEventIds { get; set; } = new();
    [Id(7)] public int EventsApplied { get; set; }
    [Id(8)] public int Messages { get; set; }
    [Id(9)] public string? Channel { get; set; }
    [Id(10)] public string? Subject { get; set; }
    [Id(11)] public CustomerRef? Customer { get; set; }
    /// <summary>The newest messages, each encoded by <see cref="TranscriptCodec"/>.</summary>
    [Id(12)] public List<byte[]> Transcript { get; set; } = [];
    [Id(13)] public ScorerState Scorer { get; set; } = new();
    [Id(14)] public Participant? AssignedHandler { get; set; }
    [Id(15)] public string? LastHumanAuthor { get; set; }
    [Id(16)] public string? LastBotAuthor { get; set; }
    [Id(17)] public bool HumanSpoke { get; set; }
    [Id(18)] public bool BotSpoke { get; set; }
    [Id(19)] public List<string> Agents { get; set; } = [];
    [Id(20)] public List<string> Tags { get; set; } = [];
    [Id(21)] public int? Csat { get; set; }
    [Id(22)] public string? Resolution { get; set; }

    /// <summary>Agents this conversation was attributed to before; they keep receiving its retraction.</summary>
    [Id(23)] public List<string> FormerAgents { get; set; } = [];

    /// <summary>Workspaces this conversation moved away from.</summary>
    [Id(24)] public List<string> FormerWorkspaces { get; set; } = [];

    [Id(25)] public ConversationAiState Ai { get; set; } = new();

    /// <summary>Humans reviewed it: its new AI assessments are passed on to its reviews' calibration.</summary>
    [Id(26)] public bool Reviewed { get; set; }

    /// <summary>When retention removed its transcript and customer identifiers; null while they are kept.</summary>
    [Id(27)] public DateTimeOffset? PersonalDataPurgedAt { get; set; }

    /// <summary>The close that the retention index holds (a conversation closed again is indexed again).</summary>
    [Id(28)] public DateTimeOffset? RetentionIndexedAt { get; set; }

    /// <summary>Deleted by retention: only what recognises a replayed event is kept, and every event is dropped.</summary>
    [Id(29)] public bool Tombstone { get; set; }

    /// <summary>Set by the customer's legal team: retention leaves the conversation as it is.</summary>
    [Id(30)] public LegalHold? LegalHold { get; set; }

    /// <summary>The end-user index entries (keyed hashes, <c>EndUserKeys</c>) this conversation joined.</summary>
    [Id(31)] public List<string> EndUserKeys { get; set; } = [];

    /// <summary>Index entries whose end user restricted processing: while any is left, events are held back unscored.</summary>
    [Id(32)] public List<string> RestrictedBy { get; set; } = [];

    /// <summary>Index entries whose end user is under a legal hold.</summary>
    [Id(33)] public List<string> HeldBy { get; set; } = [];

    /// <summary>Events that arrived while processing was restricted, in order; applied when the restriction is lifted.</summary>
    [Id(34)] public List<ChatEvent> HeldBack { get; set; } = [];

    /// <summary>When an end user's erasure request reached it: data arriving later is purged as soon as it is applied.</summary>
    [Id(35)] public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>What its aggregates were sent and may still hold.</summary>
    [Id(36)] public AggregateDelivery Delivery { get; set; } = new();

    /// <summary>Its last applied events came through the import path: its scores stay off the live dashboard.</summary>
    [Id(37)] public bool Imported { get; set; }

    public bool Closed => ClosedAt is not null;

    /// <summary>The close retention counts from: the applied one, or one a restriction holds back.</summary>
    public DateTimeOffset? RetentionClosedAt =>
        ClosedAt ?? (HeldBack.Count > 0 ? HeldBack.LastOrDefault(e => e.Type == ChatEventType.ConversationClosed)?.OccurredAt : null);

    public bool Restricted => RestrictedBy.Count > 0;

    /// <summary>A legal hold on the conversation itself or on one of its end users.</summary>
    public bool Held => LegalHold is not null || HeldBy.Count > 0;
}
