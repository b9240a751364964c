using CraftCX.Assessments;

namespace CraftCX.Conversations;

/// <summary>A conversation's AI side: its latest assessment, the one it waits for, and what it last saw of risk.</summary>
[GenerateSerializer, Alias("craftcx.conversation-ai-state.v1")]
internal sealed class ConversationAiState
{
    /// <summary>The latest successful assessment; its scores blend into the shown score.</summary>
    [Id(0)] public AiAssessmentRecord? Latest { get; set; }

    [Id(1)] public PendingAssessment? Pending { get; set; }

    [Id(2)] public DateTimeOffset? LastRiskRequestAt { get; set; }

    /// <summary>Successful assessments applied; the revision of the conversation's contributions.</summary>
    [Id(3)] public int Revision { get; set; }

    /// <summary>How the last attempt that ended without scores ended (skipped: ..., failed: ...), for users to see.</summary>
    [Id(4)] public string? LastProblem { get; set; }

    [Id(5)] public DateTimeOffset? LastProblemAt { get; set; }

    // The risk flags as last seen, so that only a new flag asks for an assessment.
    [Id(6)] public bool SeenAutoFail { get; set; }

    [Id(7)] public bool SeenCollapse { get; set; }

    [Id(8)] public int SeenSlaBreaches { get; set; }

    /// <summary>
    /// An assessment's scores are stored but the aggregates may not have them yet; stored as true with the
    /// assessment and cleared in memory once published, so a grain that died in between publishes again.
    /// </summary>
    [Id(9)] public bool ScoresUnpublished { get; set; }
}
