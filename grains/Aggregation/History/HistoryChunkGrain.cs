namespace CraftCX.Aggregation;

/// <summary>Stores one chunk of an aggregate's history (see <see cref="HistoryChunkId"/>).</summary>
[CollectionAgeLimit(Minutes = 5)]
internal sealed class HistoryChunkGrain(
    [PersistentState("history-chunk", StorageNames.Aggregates)] IPersistentState<HistoryChunkState> state,
    Tenants.TenantLifecycleCache lifecycle) : Grain, IHistoryChunkGrain
{
    public async Task ApplyAsync(IReadOnlyList<HistoryDelta> deltas)
    {
        // A send that was slower than the deletion's quiet time must not write a row back after the tenant's sweep.
        var key = this.GetPrimaryKeyString();
        if (await lifecycle.IsDeletingAsync(key[..key.IndexOf('/', StringComparison.Ordinal)]))
        {
            return;
        }

        if (state.State.Apply(deltas))
        {
            await this.WriteOrDeactivateAsync(state);
        }
    }

    public async Task TrimAsync(long firstKept)
    {
        if (state.State.Trim(firstKept))
        {
            await this.WriteOrDeactivateAsync(state);
        }
    }

    public Task<HistoryChunkSnapshot> GetAsync() => Task.FromResult(new HistoryChunkSnapshot(state.State.LastSequence, state.State.Buckets));

    public async Task ForgetAsync()
    {
        await state.ForgetStoredAsync();
        state.State = new HistoryChunkState();
        DeactivateOnIdle();
    }
}
