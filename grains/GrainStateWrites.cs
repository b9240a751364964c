namespace CraftCX;

/// <summary>
/// Writing state after changing it in memory: when the write fails, the changed copy must not serve the next
/// call (a retry would then see its events as already applied and nothing would ever be stored). So the grain
/// deactivates and the retry reads the last stored state again.
/// </summary>
internal static class GrainStateWrites
{
    public static async Task WriteOrDeactivateAsync<T>(this Grain grain, IPersistentState<T> state)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Clears a state whose row may already be gone (a tenant's storage sweep deletes rows behind the grains'
    /// backs): read again first, so the clear carries the row's current version, or there is nothing to clear.
    /// </summary>
    public static async Task ForgetStoredAsync<T>(this IPersistentState<T> state)
    {
        await state.ReadStateAsync();
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }
    }

    /// <summary>
    /// Group-commits a change through the grain's writer (the change says whether it changed anything); a failed
    /// write deactivates the grain, for the same reason as above.
    /// </summary>
    internal static async Task ChangeOrDeactivateAsync(this Grain grain, CoalescedStateWriter writer, Func<bool> change)
    {
        try
        {
            await writer.ChangeAsync(() => change() ? grain : null, _ => Task.CompletedTask);
        }
        catch when (writer.Failed)
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
