using CraftCX.Aggregation;
using CraftCX.Privacy;
using CraftCX.Scoring;

namespace CraftCX.Tenants;

/// <summary>A tenant's settings (scorecard, AI) and its tenant-wide rolling aggregates; key: the tenant id (its keys: <c>IApiKeysGrain</c>).</summary>
[Alias("craftcx.ITenantGrain")]
public interface ITenantGrain : IScoreAggregateGrain, IGrainWithStringKey
{
    /// <summary>The tenant's scorecard, or the default one when none was set.</summary>
    [ReadOnly]
    Task<Scorecard> GetScorecardAsync();

    /// <summary>Replaces the scorecard; throws <see cref="ArgumentException"/> when it is not valid.</summary>
    Task<Scorecard> SetScorecardAsync(Scorecard scorecard);

    [ReadOnly]
    Task<AiTenantSettings> GetAiSettingsAsync();

    Task<AiTenantSettings> SetAiSettingsAsync(AiTenantSettings ai);

    [ReadOnly]
    Task<PeerBenchmarks.PeerBenchmarkSettings> GetPeerBenchmarkSettingsAsync();

    /// <summary>Opts in or out of the peer benchmarks; throws <see cref="ArgumentException"/> for an industry not on the list.</summary>
    Task<PeerBenchmarks.PeerBenchmarkSettings> SetPeerBenchmarkSettingsAsync(PeerBenchmarks.PeerBenchmarkSettings benchmarks);

    /// <summary>The last publication's benchmark of each segment the tenant belongs to, with its own rank; empty unless it opted in.</summary>
    Task<PeerBenchmarks.TenantPeerBenchmarks> GetPeerBenchmarksAsync();

    /// <summary>What the tenant brings to a publication; null unless it opted in and is not being deleted.</summary>
    Task<PeerBenchmarks.PeerBenchmarkInput?> GetPeerBenchmarkInputAsync(Aggregation.History.HistoryRange range);

    /// <summary>The tenant's retention policy, or the default one when none was set.</summary>
    [ReadOnly]
    Task<RetentionPolicy> GetRetentionPolicyAsync();

    /// <summary>Replaces the retention policy; throws <see cref="ArgumentException"/> when it is not valid.</summary>
    Task<RetentionPolicy> SetRetentionPolicyAsync(RetentionPolicy policy);

    [ReadOnly]
    Task<LegalHold?> GetLegalHoldAsync();

    /// <summary>Sets (a hold) or lifts (null) a legal hold over all of the tenant's data.</summary>
    Task SetLegalHoldAsync(LegalHold? hold);

    /// <summary>Null while no operator created the tenant (its events are dead-lettered).</summary>
    /// <remarks>Interleaves: every ingest request asks, and must not wait behind the tenant's aggregate writes.</remarks>
    [AlwaysInterleave]
    Task<TenantLifecycle?> GetLifecycleAsync();

    /// <summary>An operator creates the tenant (or creates a key for it); a deleted tenant starts again, empty.</summary>
    /// <exception cref="InvalidOperationException">The tenant is terminated or being deleted.</exception>
    Task<TenantLifecycle> RegisterAsync();

    /// <summary>Refuses its ingestion until restored; reads stay allowed.</summary>
    /// <exception cref="InvalidOperationException">Not active or suspended.</exception>
    Task<TenantLifecycle> SuspendAsync(string? reason);

    /// <summary>Revokes every key, refuses ingestion and reads, and deletes its data when the wind-down ends.</summary>
    /// <exception cref="InvalidOperationException">Not active or suspended.</exception>
    Task<TenantLifecycle> TerminateAsync(string? reason);

    /// <summary>Back to active from suspended, or from terminated before the wind-down ends (its keys stay revoked).</summary>
    /// <exception cref="InvalidOperationException">Deleted, being deleted, or never created.</exception>
    Task<TenantLifecycle> RestoreAsync();

    /// <summary>Deletes a terminated tenant's data now, without waiting for the wind-down to end.</summary>
    /// <exception cref="InvalidOperationException">Not terminated.</exception>
    Task<TenantLifecycle> DeleteDataAsync();

    /// <summary>What the wind-down reminder does: deletes the data once a terminated tenant's wind-down has ended; null when not due.</summary>
    Task<TenantLifecycle?> RunWindDownAsync();
}
