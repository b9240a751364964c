namespace CraftCX.Conversations;

/// <summary>Response-time figures in seconds, measured on the events' own timestamps.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.response-times-view.v1")]
public sealed record ResponseTimesView(
    [property: Id(0)] double? FirstResponseSeconds,
    [property: Id(1)] double? AverageResponseSeconds,
    [property: Id(2)] double? LongestWaitSeconds,
    [property: Id(3)] int Responses,
    [property: Id(4)] int SlaBreaches,
    [property: Id(5)] double HandleTimeSeconds);
