using CraftCX.Tenants;

namespace CraftCX.Connectors.Imports;

/// <summary>One history import: stored at every checkpoint, so a runner on any silo goes on from the last one.</summary>
internal sealed class ConnectorImportGrain(
    [PersistentState("connector-import", StorageNames.Tenants)] IPersistentState<ConnectorImportJobState> state,
    TenantLifecycleCache lifecycle,
    TimeProvider time) : Grain, IConnectorImportGrain
{
    private ConnectorImportJobState Job => state.State;

    private IConnectorImportIndexGrain Index => GrainFactory.GetGrain<IConnectorImportIndexGrain>(IConnectorImportIndexGrain.Key);

    public async Task<ConnectorImportInfo> CreateAsync(ConnectorImportSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Job.Spec is not null)
        {
            throw new InvalidOperationException("An import with this id exists already.");
        }

        Job.Spec = spec;
        Job.State = ConnectorImportState.Queued;
        Job.CreatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        await Index.AddAsync(this.GetPrimaryKeyString());
        return Info();
    }

    public Task<ConnectorImportInfo?> GetAsync() => Task.FromResult(Job.Spec is null ? null : Info());

    public async Task<ConnectorImportInfo?> ClaimAsync(string runner, DateTimeOffset leaseUntil)
    {
        if (Job.Spec is null || Job.IsFinished)
        {
            await Index.RemoveAsync(this.GetPrimaryKeyString());
            return null;
        }

        var now = time.GetUtcNow();
        if (await lifecycle.IsDeletingAsync(ConnectorImportKeys.Split(this.GetPrimaryKeyString()).Tenant))
        {
            await FinishAsync(Job.Runner ?? runner, Job.Progress, "The tenant's data is being deleted.");
            return null;
        }

        if (Job.Runner is not null && Job.Runner != runner && Job.LeaseUntil > now)
        {
            return null;
        }

        Job.Runner = runner;
        Job.LeaseUntil = leaseUntil;
        Job.State = ConnectorImportState.Running;
        Job.Runs++;
        Job.ResumedFrom = Job.Progress.Records;
        Job.UpdatedAt = now;
        await state.WriteStateAsync();
        return Info();
    }

    public async Task<bool> CheckpointAsync(string runner, ConnectorImportCheckpoint checkpoint, DateTimeOffset leaseUntil)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (Job.Runner != runner || Job.IsFinished)
        {
            return false;
        }

        Job.Progress = checkpoint;
        Job.LeaseUntil = leaseUntil;
        Job.UpdatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        return true;
    }

    public async Task FinishAsync(string runner, ConnectorImportCheckpoint checkpoint, string? error)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (Job.Runner != runner || Job.IsFinished)
        {
            return;
        }

        var now = time.GetUtcNow();
        Job.Progress = checkpoint with { SecondsRemaining = error is null ? 0 : null };
        Job.State = error is null ? ConnectorImportState.Done : ConnectorImportState.Failed;
        Job.Error = error;
        Job.Runner = null;
        Job.UpdatedAt = now;
        Job.FinishedAt = now;
        await state.WriteStateAsync();
        await Index.RemoveAsync(this.GetPrimaryKeyString());
    }

    public async Task ReleaseAsync(string runner)
    {
        if (Job.Runner == runner && !Job.IsFinished)
        {
            Job.Runner = null;
            Job.LeaseUntil = default;
            await state.WriteStateAsync();
        }
    }

    private ConnectorImportInfo Info()
    {
        var (tenant, id) = ConnectorImportKeys.Split(this.GetPrimaryKeyString());
        return new ConnectorImportInfo(id, tenant, Job.Spec!, Job.State, Job.Progress, Job.Runs, Job.ResumedFrom, Job.CreatedAt, Job.UpdatedAt, Job.FinishedAt, Job.Error);
    }
}
