using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CraftCX.Aggregation;

namespace CraftCX.ScoreChanges;

/// <summary>
/// A conversation's score after a change: derived data only (ids, scores, labels, times), never transcript text.
/// The live hub sends it and the score stream logs it; (Conversation, Version) identifies it.
/// </summary>
/// <param name="Removed">The conversation left this workspace.</param>
[GenerateSerializer, Immutable, Alias("craftcx.conversation-score-change.v1")]
public sealed record ConversationScoreChange(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Workspace,
    [property: Id(2)] string Conversation,
    [property: Id(3)] long Version,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string? AgentId,
    [property: Id(6)] bool AgentIsBot,
    [property: Id(7)] HandledBy HandledBy,
    [property: Id(8)] int Overall,
    [property: Id(9)] bool AutoFailed,
    [property: Id(10)] ImmutableArray<CriterionScore> Criteria,
    [property: Id(11)] double? Sentiment,
    [property: Id(12)] int SlaBreaches,
    [property: Id(13)] bool Closed,
    [property: Id(14)] bool Removed,
    [property: Id(15)] ImmutableArray<string> Alerts)
{
    /// <summary>AI assessments taken at this version; with <see cref="Version"/> it orders the changes of one conversation.</summary>
    [Id(16)] public int Revision { get; init; }

    /// <summary>Scored from an import (backfill): logged for readers of the score stream, never sent live.</summary>
    [Id(17)] public bool Imported { get; init; }

    /// <summary>W3C traceparent of the events' trace, while tracing is on; internal, so not in the stream's JSON.</summary>
    [Id(18)]
    [JsonIgnore]
    public string? TraceParent { get; init; }
}
