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
}
