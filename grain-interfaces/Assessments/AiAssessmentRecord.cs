namespace CraftCX.Assessments;

/// <summary>One successful AI assessment of a conversation, with its provenance and cost.</summary>
/// <param name="AssessedSequence">The conversation's last applied event sequence when its transcript was read.</param>
/// <param name="Trigger">closed or risk.</param>
/// <param name="Redactions">How many personal-data values were replaced before the text left.</param>
[GenerateSerializer, Immutable, Alias("craftcx.ai-assessment-record.v1")]
public sealed record AiAssessmentRecord(
    [property: Id(0)] AiAssessmentContent Content,
    [property: Id(1)] AiProvenance Provenance,
    [property: Id(2)] AiTokenUsage Usage,
    [property: Id(3)] long AssessedSequence,
    [property: Id(4)] string Trigger,
    [property: Id(5)] int Redactions);
