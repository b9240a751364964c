namespace CraftCX.Connectors.Imports;

/// <summary>Where an import stands.</summary>
[GenerateSerializer, Alias("craftcx.connector-import-state.v1")]
public enum ConnectorImportState
{
    Queued = 0,
    Running = 1,
    Done = 2,
    Failed = 3,
}
