using System.Collections.Immutable;

namespace CraftCX.Aggregation;

/// <summary>
/// A conversation's whole current contribution to one aggregate. Until the conversation releases it, an aggregate
/// keeps the newest version and replaces it with a newer one, so a retried or reordered delivery never counts
/// twice; after the release the aggregate keeps only its effect, and the next contribution says what it replaces.
/// </summary>
/// <param name="Version">The conversation's last applied sequence; larger wins.</param>
/// <param name="Retracted">The conversation no longer belongs to this aggregate (for example after a handoff).</param>
/// <param name="At">The conversation's latest activity; it decides which time windows count it.</param>
[GenerateSerializer, Immutable, Alias("craftcx.score-contribution.v1")]
public sealed record ScoreContribution(
    [property: Id(0)] string ConversationKey,
    [property: Id(1)] long Version,
    [property: Id(2)] bool Retracted,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string? AgentId,
    [property: Id(5)] bool AgentIsBot,
    [property: Id(6)] HandledBy HandledBy,
    [property: Id(7)] int Overall,
    [property: Id(8)] bool AutoFailed,
    [property: Id(9)] ImmutableArray<CriterionScore> Criteria)
{
    /// <summary>Customer sentiment now, -1 to +1 (null before the customer wrote).</summary>
    [Id(10)] public double? Sentiment { get; init; }

    /// <summary>Responses over the SLA target so far.</summary>
    [Id(11)] public int SlaBreaches { get; init; }

    /// <summary>Sentiment fell to -0.5 or below, at least 0.5 below where it started.</summary>
    [Id(12)] public bool SentimentCollapsed { get; init; }

    [Id(13)] public bool Closed { get; init; }

    /// <summary>
    /// AI assessments the conversation had taken when this was made: an assessment changes the scores without a
    /// new event, so at one version the higher revision wins.
    /// </summary>
    [Id(14)] public int Revision { get; init; }

    /// <summary>The workspace the conversation belongs to (it decides which workspace aggregate holds it).</summary>
    [Id(15)] public string? Workspace { get; init; }

    /// <summary>
    /// What the aggregate kept of this conversation when the conversation last released it; used only by an
    /// aggregate that holds no contribution of the conversation any more. Null before the first release.
    /// </summary>
    [Id(16)] public ScoreContribution? Replaces { get; init; }

    /// <summary>
    /// When the conversation sent this copy. Copies too old are dropped and refused, and their sender sends a fresh
    /// one, so that no copy can arrive after its aggregates stopped recognising a release.
    /// </summary>
    [Id(17)] public DateTimeOffset IssuedAt { get; init; }

    /// <summary>Made from events of an import (backfill): counted by time like any other, but never shown live.</summary>
    [Id(18)] public bool Imported { get; init; }

    /// <summary>The conversation's channel as its events named it (the peer benchmarks fold it into a fixed list).</summary>
    [Id(19)] public string? Channel { get; init; }

    /// <summary>Seconds to the first answer, whole; null before one.</summary>
    [Id(20)] public int? FirstResponseSeconds { get; init; }

    /// <summary>
    /// Made by a build that reports segments: only such a contribution is counted in, or taken out of, a peer-benchmark
    /// segment, so one stored before never takes out what it never put in.
    /// </summary>
    [Id(21)] public bool Segmented { get; init; }

    /// <summary>
    /// W3C traceparent of the batch that sent this copy, while tracing is on: the workspace's score-log and live
    /// spans link to it. Set on the copy in flight only, never on what a conversation or an aggregate stores.
    /// </summary>
    [Id(22)] public string? TraceParent { get; init; }

    public ScoreContribution AsRetraction() => this with { Retracted = true };

    /// <summary>The release that lets aggregates forget this contribution (its effect stays in their buckets).</summary>
    public ContributionRelease ToRelease() => new(ConversationKey, Version, Revision);

    /// <summary>Newer: a later version, or the same version after more AI assessments.</summary>
    public bool IsNewerThan(ScoreContribution other) => IsNewerThan(other.Version, other.Revision);

    /// <summary>Newer than the contribution of that version and revision.</summary>
    public bool IsNewerThan(long version, int revision) => Version > version || (Version == version && Revision > revision);
}
