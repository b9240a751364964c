using System.Collections.Immutable;

namespace CraftCX.Assessments;

/// <summary>The model's score for one scorecard criterion, why, and which messages show it.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.ai-criterion-assessment.v1")]
public sealed record AiCriterionAssessment(
    [property: Id(0)] string CriterionId,
    [property: Id(1)] int Score,
    [property: Id(2)] double Confidence,
    [property: Id(3)] string Explanation,
    [property: Id(4)] ImmutableArray<string> EvidenceMessageIds);
