namespace CraftCX.Assessments;

/// <summary>Where an AI score came from: enough to trace it back and to compare models or prompt versions.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.ai-provenance.v1")]
public sealed record AiProvenance(
    [property: Id(0)] string Model,
    [property: Id(1)] string Deployment,
    [property: Id(2)] string PromptVersion,
    [property: Id(3)] DateTimeOffset At);
