namespace CraftCX.Assessments;

/// <summary>Tokens one assessment used, as the model reported them.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.ai-token-usage.v1")]
public sealed record AiTokenUsage(
    [property: Id(0)] long Input,
    [property: Id(1)] long Output)
{
    public long Total => Input + Output;
}
