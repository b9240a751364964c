namespace CraftCX.Benchmarks;

/// <summary>Full blocking collections, so that one phase's garbage is not collected on the next phase's clock.</summary>
internal static class Heap
{
    /// <summary>Collects everything collectable and returns the live bytes the last full collection found.</summary>
    public static long FullCollect()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        // Live bytes as the last full blocking collection found them (promoted = survived every generation).
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return info.PromotedBytes;
    }
}
