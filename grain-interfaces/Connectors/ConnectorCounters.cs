namespace CraftCX.Connectors;

/// <summary>What a connector's deliveries came to since it was created.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.connector-counters.v1")]
public sealed record ConnectorCounters(
    [property: Id(0)] long Deliveries,
    [property: Id(1)] long EventsAccepted,
    [property: Id(2)] long Duplicates,
    [property: Id(3)] long Ignored,
    [property: Id(4)] long DeadLettered,
    [property: Id(5)] long SignatureRefused,
    [property: Id(6)] DateTimeOffset? LastDeliveryAt,
    [property: Id(7)] ConnectorError? LastError);
