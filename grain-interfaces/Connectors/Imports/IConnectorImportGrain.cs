namespace CraftCX.Connectors.Imports;

/// <summary>
/// One history import of a connector: where it reads, how far it came and who runs it. Key: "tenant/import-{id}".
/// A runner claims it for a lease, reports checkpoints while it holds the lease, and a runner on any silo takes it
/// over from its last checkpoint when the lease runs out (a restart, a crash).
/// </summary>
[Alias("craftcx.IConnectorImportGrain")]
public interface IConnectorImportGrain : IGrainWithStringKey
{
    /// <summary>Records a new job, queued; throws <see cref="InvalidOperationException"/> when the key holds one already.</summary>
    Task<ConnectorImportInfo> CreateAsync(ConnectorImportSpec spec);

    [ReadOnly]
    Task<ConnectorImportInfo?> GetAsync();

    /// <summary>The job for this runner until <paramref name="leaseUntil"/>, or null when it is finished or another runner holds it.</summary>
    Task<ConnectorImportInfo?> ClaimAsync(string runner, DateTimeOffset leaseUntil);

    /// <summary>Stores how far the runner came and extends its lease; false when the lease was lost (the runner stops).</summary>
    Task<bool> CheckpointAsync(string runner, ConnectorImportCheckpoint checkpoint, DateTimeOffset leaseUntil);

    /// <summary>Done (or failed with its reason), with the last checkpoint.</summary>
    Task FinishAsync(string runner, ConnectorImportCheckpoint checkpoint, string? error);

    /// <summary>Gives the lease back at a shutdown, so that the next runner need not wait for it to run out.</summary>
    Task ReleaseAsync(string runner);
}
