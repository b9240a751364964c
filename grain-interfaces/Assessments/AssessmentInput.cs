using CraftCX.Conversations;
using CraftCX.Events;
using CraftCX.Scoring;

namespace CraftCX.Assessments;

/// <summary>What the assessment runner reads from a conversation: its transcript, customer and scorecard as of now.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.assessment-input.v1")]
public sealed record AssessmentInput(
    [property: Id(0)] long Sequence,
    [property: Id(1)] PendingAssessment Pending,
    [property: Id(2)] IReadOnlyList<TranscriptMessage> Transcript,
    [property: Id(3)] CustomerRef? Customer,
    [property: Id(4)] Scorecard Scorecard);
