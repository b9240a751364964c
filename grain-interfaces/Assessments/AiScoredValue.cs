namespace CraftCX.Assessments;

/// <summary>A label or text the model gave, with how sure it said it was (0–1).</summary>
[GenerateSerializer, Immutable, Alias("craftcx.ai-scored-value.v1")]
public sealed record AiScoredValue(
    [property: Id(0)] string Value,
    [property: Id(1)] double Confidence);
