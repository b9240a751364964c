namespace CraftCX.Connectors.Imports;

/// <summary>One import as the status route shows it.</summary>
/// <param name="Runs">How many times a runner started it: more than 1 after a restart took it over.</param>
/// <param name="ResumedFrom">The records the last run skipped because an earlier run had handed them on.</param>
[GenerateSerializer, Immutable, Alias("craftcx.connector-import-info.v1")]
public sealed record ConnectorImportInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Tenant,
    [property: Id(2)] ConnectorImportSpec Spec,
    [property: Id(3)] ConnectorImportState State,
    [property: Id(4)] ConnectorImportCheckpoint Progress,
    [property: Id(5)] int Runs,
    [property: Id(6)] long ResumedFrom,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset? UpdatedAt,
    [property: Id(9)] DateTimeOffset? FinishedAt,
    [property: Id(10)] string? Error);
