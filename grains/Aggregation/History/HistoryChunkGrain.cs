namespace CraftCX.Aggregation;

/// <summary>Stores one chunk of an aggregate's history (see <see cref="HistoryChunkId"/>).</summary>
[CollectionAgeLimit(Minutes = 5)]
internal sealed class HistoryChunkGrain(
    [PersistentState("history-chunk", StorageNames.Aggregates)] IPersistentState<HistoryChunkState> state) : Grain, IHistoryChunkGrain
{
    public async Task ApplyAsync(IReadOnlyList<HistoryDelta> deltas)
    {
        if (state.State.Apply(deltas))
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
