namespace CraftCX.Connectors.Imports;

/// <summary>The stored keys of unfinished imports.</summary>
[GenerateSerializer, Alias("craftcx.connector-import-index-state.v1")]
internal sealed class ConnectorImportIndexState
{
    [Id(0)] public HashSet<string> Jobs { get; set; } = new(StringComparer.Ordinal);
}
