namespace CraftCX.Assessments;

/// <summary>A conversation's AI side as users see it: the latest assessment, the one waited for, the last problem.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.ai-view.v1")]
public sealed record AiView(
    [property: Id(0)] AiAssessmentRecord? Latest,
    [property: Id(1)] PendingAssessment? Pending,
    [property: Id(2)] string? LastProblem,
    [property: Id(3)] DateTimeOffset? LastProblemAt,
    [property: Id(4)] int Revision);
