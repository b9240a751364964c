namespace CraftCX.Connectors;

/// <summary>The last thing that went wrong with a connector's deliveries: when, a reason code, and a detail free of customer text.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.connector-error.v1")]
public sealed record ConnectorError(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Code,
    [property: Id(2)] string Detail);
