using CraftCX.Tenants;

namespace CraftCX.Imports;

/// <summary>Sums the import progress every silo reports for one tenant, and tells it with a rate and an estimate.</summary>
internal sealed class ImportStatusGrain(
    [PersistentState("import-status", StorageNames.Aggregates)] IPersistentState<ImportProgressState> state,
    TenantLifecycleCache lifecycle,
    TimeProvider time) : Grain, IImportStatusGrain
{
    private readonly ImportRate _rate = new(TimeSpan.FromSeconds(30));

    public async Task SubmittedAsync(int events)
    {
        // A count that lands after the tenant's storage sweep would leave a row of a deleted tenant behind.
        if (events <= 0 || await lifecycle.IsDeletingAsync(this.GetPrimaryKeyString()))
        {
            return;
        }

        var now = time.GetUtcNow();
        // A rate measured from the first submission, not from the first report a second later.
        _rate.Observe(now, state.State.Totals.Done);
        state.State.Submit(events, now);
        await this.WriteOrDeactivateAsync(state);
    }

    public async Task ReportAsync(string reporter, long sequence, ImportProgressReport report)
    {
        if (report.IsEmpty || await lifecycle.IsDeletingAsync(this.GetPrimaryKeyString()))
        {
            return;
        }

        var now = time.GetUtcNow();
        if (state.State.Add(reporter, sequence, report, now))
        {
            _rate.Observe(now, state.State.Totals.Done);
            await this.WriteOrDeactivateAsync(state);
        }
    }

    public Task<ImportStatus> GetAsync()
    {
        var now = time.GetUtcNow();
        return Task.FromResult(state.State.Status(_rate.PerSecond(now), now));
    }
}
