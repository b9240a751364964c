namespace CraftCX.Connectors;

/// <summary>A connector as listed: never its secret, which is shown once when it is set.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.connector-info.v1")]
public sealed record ConnectorInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] ConnectorType Type,
    [property: Id(2)] string Name,
    [property: Id(3)] ConnectorMapping Mapping,
    [property: Id(4)] bool Enabled,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset SecretSetAt,
    [property: Id(7)] ConnectorCounters Counters);
