namespace CraftCX.Scoring;

/// <summary>Response-time targets of one channel kind, in seconds: the first reply, then each later reply.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.channel-sla.v1")]
public sealed record ChannelSla(
    [property: Id(0)] int FirstResponseSeconds,
    [property: Id(1)] int ResponseSeconds);
