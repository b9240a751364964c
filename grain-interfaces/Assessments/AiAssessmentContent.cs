using System.Collections.Immutable;

namespace CraftCX.Assessments;

/// <summary>What one model answer said, after it passed validation: nothing here is unchecked model output.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.ai-assessment-content.v1")]
public sealed record AiAssessmentContent(
    [property: Id(0)] ImmutableArray<AiCriterionAssessment> Criteria,
    [property: Id(1)] AiScoredValue Summary,
    [property: Id(2)] AiClassifications Classifications,
    [property: Id(3)] ImmutableArray<AiScoredValue> Recommendations);
