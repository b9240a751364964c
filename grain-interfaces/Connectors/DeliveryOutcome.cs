namespace CraftCX.Connectors;

/// <summary>What became of one delivery, for the connector's counters; <see cref="DeliveryId"/> makes a retried delivery a duplicate.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.delivery-outcome.v1")]
public sealed record DeliveryOutcome(
    [property: Id(0)] string? DeliveryId,
    [property: Id(1)] int EventsAccepted,
    [property: Id(2)] bool Ignored,
    [property: Id(3)] bool DeadLettered,
    [property: Id(4)] bool SignatureRefused,
    [property: Id(5)] ConnectorError? Error);
