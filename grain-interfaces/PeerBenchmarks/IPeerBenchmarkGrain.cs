namespace CraftCX.PeerBenchmarks;

/// <summary>The published cross-tenant benchmarks (one grain, key <see cref="PeerBenchmarkKeys.Global"/>): it stores publications only, never who contributed.</summary>
[Alias("craftcx.IPeerBenchmarkGrain")]
public interface IPeerBenchmarkGrain : IGrainWithStringKey
{
    /// <summary>Computes a publication now from the opted-in tenants, stores it and answers it.</summary>
    Task<PeerBenchmarkPublication> PublishAsync();

    /// <summary>Interleaves: a tenant asked for its input by a publication may itself be waiting on this read.</summary>
    [AlwaysInterleave]
    Task<PeerBenchmarkPublication?> GetAsync();
}

/// <summary>Which tenants opted in (one grain, key <see cref="PeerBenchmarkKeys.Global"/>), kept apart from the publications so that these hold no tenant id.</summary>
[Alias("craftcx.IPeerBenchmarkParticipantsGrain")]
public interface IPeerBenchmarkParticipantsGrain : IGrainWithStringKey
{
    Task SetAsync(string tenant, bool participates);

    /// <summary>Interleaves with a change that is waking the publisher, which may be asking for this list.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> GetAsync();
}
