namespace CraftCX.Connectors;

/// <summary>What checking and mapping one delivery needs: only the webhook route asks for it, and never returns it.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.connector-credentials.v1")]
public sealed record ConnectorCredentials(
    [property: Id(0)] string Id,
    [property: Id(1)] ConnectorType Type,
    [property: Id(2)] string Secret,
    [property: Id(3)] ConnectorMapping Mapping,
    [property: Id(4)] bool Enabled);
