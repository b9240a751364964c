namespace CraftCX.Scoring;

/// <summary>A tenant's weighted QA scorecard: data, not code, so each tenant can have its own.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.scorecard.v1")]
public sealed record Scorecard(
    [property: Id(0)] string Id,
    [property: Id(1)] int Version,
    [property: Id(2)] IReadOnlyList<CriterionDefinition> Criteria,
    [property: Id(3)] SlaTargets Sla);
