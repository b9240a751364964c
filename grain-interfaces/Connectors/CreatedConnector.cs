namespace CraftCX.Connectors;

/// <summary>A connector just created or given a new secret: the secret appears here and nowhere else.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.created-connector.v1")]
public sealed record CreatedConnector(
    [property: Id(0)] ConnectorInfo Info,
    [property: Id(1)] string Secret);
