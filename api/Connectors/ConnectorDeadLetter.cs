namespace CraftCX.Api.Connectors;

/// <summary>A verified delivery that could not be mapped (or held events that were refused), kept whole with the reason.</summary>
public sealed record ConnectorDeadLetter(
    string Tenant,
    string ConnectorId,
    string ConnectorType,
    string? DeliveryId,
    ReadOnlyMemory<byte> Body,
    string Reason,
    string Detail);
