namespace CraftCX.Scoring;

/// <summary>Response-time targets that the responsiveness criterion measures against.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.sla-targets.v1")]
public sealed record SlaTargets(
    [property: Id(0)] int FirstResponseSeconds = 60,
    [property: Id(1)] int ResponseSeconds = 120);
