namespace CraftCX.PeerBenchmarks;

/// <summary>The tenants that opted in: the one place a tenant id meets the benchmarks, never copied into a publication.</summary>
internal sealed class PeerBenchmarkParticipantsGrain(
    [PersistentState("peer-benchmark-participants", StorageNames.Tenants)] IPersistentState<PeerBenchmarkParticipants> state) : Grain, IPeerBenchmarkParticipantsGrain
{
    public async Task SetAsync(string tenant, bool participates)
    {
        var changed = participates ? state.State.Tenants.Add(tenant) : state.State.Tenants.Remove(tenant);
        if (changed)
        {
            await this.WriteOrDeactivateAsync(state);
        }

        if (participates)
        {
            // The first tenant in starts the publications; with none left they stop themselves.
            await GrainFactory.GetGrain<IPeerBenchmarkGrain>(PeerBenchmarkKeys.Global).GetAsync();
        }
    }

    public Task<IReadOnlyList<string>> GetAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Tenants.Order(StringComparer.Ordinal)]);
}
