namespace CraftCX.Connectors.Imports;

/// <summary>Where an import's records come from.</summary>
[GenerateSerializer, Alias("craftcx.connector-import-source.v1")]
public enum ConnectorImportSource
{
    File = 0,
    Url = 1,
}
