namespace CraftCX.Connectors.Imports;

/// <summary>Keeps the keys of unfinished imports; a job leaves it when it finishes, so it stays as small as the imports running.</summary>
internal sealed class ConnectorImportIndexGrain(
    [PersistentState("connector-import-index", StorageNames.Tenants)] IPersistentState<ConnectorImportIndexState> state) : Grain, IConnectorImportIndexGrain
{
    public async Task AddAsync(string job)
    {
        if (state.State.Jobs.Add(job))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveAsync(string job)
    {
        if (state.State.Jobs.Remove(job))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> UnfinishedAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Jobs.Order(StringComparer.Ordinal)]);
}
