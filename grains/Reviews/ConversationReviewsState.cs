using CraftCX.Calibration;

namespace CraftCX.Reviews;

/// <summary>Stored reviews of one conversation and what its calibration sample last saw.</summary>
[GenerateSerializer, Alias("craftcx.conversation-reviews-state.v1")]
public sealed class ConversationReviewsState
{
    /// <summary>In arrival order; review ids follow it.</summary>
    [Id(0)] public List<ConversationReview> Reviews { get; set; } = [];

    /// <summary>The workspace whose calibration holds this conversation's sample.</summary>
    [Id(1)] public string? CalibratedWorkspace { get; set; }

    /// <summary>The newest AI scores heard of, with their revision.</summary>
    [Id(2)] public List<ScoredCriterion> AiScores { get; set; } = [];

    [Id(3)] public int AiRevision { get; set; }

    /// <summary>Counts every change; the version of the calibration sample.</summary>
    [Id(4)] public long Changes { get; set; }
}
