using CraftCX.Aggregation;

namespace CraftCX.Conversations;

/// <summary>
/// What a conversation has sent its aggregates, so that they need not remember it for ever: the aggregates that
/// may hold its contribution (until it releases them), the newest contribution sent, and the one they kept at the
/// last release. Stored with the conversation, and always before a contribution it describes is sent.
/// </summary>
[GenerateSerializer, Alias("craftcx.aggregate-delivery.v1")]
internal sealed class AggregateDelivery
{
    /// <summary>Aggregates sent a contribution since the last release.</summary>
    [Id(0)] public List<AggregateTarget> Holders { get; set; } = [];

    /// <summary>The newest contribution sent (without <see cref="ScoreContribution.Replaces"/>).</summary>
    [Id(1)] public ScoreContribution? Latest { get; set; }

    /// <summary>What every aggregate of its targets kept at the last release; null before the first one.</summary>
    [Id(2)] public ScoreContribution? Released { get; set; }

    /// <summary>When <see cref="Latest"/> was last sent.</summary>
    [Id(3)] public DateTimeOffset? SentAt { get; set; }
}
