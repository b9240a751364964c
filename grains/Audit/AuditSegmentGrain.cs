namespace CraftCX.Audit;

/// <summary>A sealed audit segment: written once by the log's head, then only read.</summary>
internal sealed class AuditSegmentGrain(
    [PersistentState("audit-segment", StorageNames.Tenants)] IPersistentState<AuditSegmentState> state) : Grain, IAuditSegmentGrain
{
    public async Task SealAsync(List<AuditEntry> entries)
    {
        if (state.RecordExists)
        {
            // Sealed once: the same run again (a retried seal) is fine, different entries would rewrite history.
            if (!state.State.Entries.SequenceEqual(entries))
            {
                throw new InvalidOperationException($"Audit segment {this.GetPrimaryKeyString()} is sealed with other entries.");
            }

            return;
        }

        state.State.Entries = entries;
        await this.WriteOrDeactivateAsync(state);
    }

    public Task<List<AuditEntry>> ReadAsync() => Task.FromResult(state.State.Entries);

    public Task ForgetAsync() => state.ForgetStoredAsync();
}
