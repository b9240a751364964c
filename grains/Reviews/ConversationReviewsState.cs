namespace CraftCX.Reviews;

/// <summary>Stored reviews of one conversation and what its calibration sample last saw.</summary>
[GenerateSerializer, Alias("craftcx.conversation-reviews-state.v1")]
internal sealed class ConversationReviewsState
{
    /// <summary>In arrival order; review ids follow it.</summary>
    [Id(0)] public List<ConversationReview> Reviews { get; set; } = [];

    /// <summary>The workspace whose calibration holds this conversation's sample.</summary>
    [Id(1)] public string? CalibratedWorkspace { get; set; }

    /// <summary>Counts every change of the reviews; with the AI revision, the version of the calibration sample.</summary>
    [Id(2)] public long Changes { get; set; }

    /// <summary>Retention or an erasure removed the reviews' text: one written later keeps none either.</summary>
    [Id(3)] public bool TextPurged { get; set; }
}
