namespace CraftCX.Connectors.Imports;

/// <summary>What an import reads: a file under the configured import directory, or a URL on an allowed host.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.connector-import-spec.v1")]
public sealed record ConnectorImportSpec(
    [property: Id(0)] string ConnectorId,
    [property: Id(1)] ConnectorImportSource Source,
    [property: Id(2)] string Location);
