namespace CraftCX.Connectors.Imports;

/// <summary>The stored form of one import: its spec, progress and the runner's lease.</summary>
[GenerateSerializer, Alias("craftcx.connector-import-job-state.v1")]
internal sealed class ConnectorImportJobState
{
    [Id(0)] public ConnectorImportSpec? Spec { get; set; }

    [Id(1)] public ConnectorImportState State { get; set; }

    [Id(2)] public ConnectorImportCheckpoint Progress { get; set; } = ConnectorImportCheckpoint.Start;

    [Id(3)] public int Runs { get; set; }

    [Id(4)] public long ResumedFrom { get; set; }

    [Id(5)] public DateTimeOffset CreatedAt { get; set; }

    [Id(6)] public DateTimeOffset? UpdatedAt { get; set; }

    [Id(7)] public DateTimeOffset? FinishedAt { get; set; }

    [Id(8)] public string? Error { get; set; }

    [Id(9)] public string? Runner { get; set; }

    [Id(10)] public DateTimeOffset LeaseUntil { get; set; }

    public bool IsFinished => State is ConnectorImportState.Done or ConnectorImportState.Failed;
}
