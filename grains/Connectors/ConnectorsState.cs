namespace CraftCX.Connectors;

/// <summary>A tenant's connectors by id.</summary>
[GenerateSerializer, Alias("craftcx.connectors-state.v1")]
public sealed class ConnectorsState
{
    [Id(0)] public Dictionary<string, StoredConnector> Connectors { get; set; } = new(StringComparer.Ordinal);
}
