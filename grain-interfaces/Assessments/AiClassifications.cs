namespace CraftCX.Assessments;

/// <summary>What the conversation was about and how it went, as the model classified it.</summary>
/// <param name="ResolutionStatus">resolved, unresolved, pending or escalated.</param>
/// <param name="EscalationRisk">low, medium or high.</param>
/// <param name="CustomerEffort">low, medium or high.</param>
[GenerateSerializer, Immutable, Alias("craftcx.ai-classifications.v1")]
public sealed record AiClassifications(
    [property: Id(0)] AiScoredValue Topic,
    [property: Id(1)] AiScoredValue Intent,
    [property: Id(2)] AiScoredValue ResolutionStatus,
    [property: Id(3)] AiScoredValue EscalationRisk,
    [property: Id(4)] AiScoredValue CustomerEffort);
