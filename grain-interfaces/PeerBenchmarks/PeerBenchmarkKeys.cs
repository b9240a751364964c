namespace CraftCX.PeerBenchmarks;

/// <summary>The keys of the peer-benchmark grains: one of each in a cluster.</summary>
public static class PeerBenchmarkKeys
{
    /// <summary>Not a valid tenant id, so no tenant's storage sweep (by its id or "tenant/") can ever take these rows.</summary>
    public const string Global = "~global";
}
