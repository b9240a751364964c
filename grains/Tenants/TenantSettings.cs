using CraftCX.Privacy;
using CraftCX.Scoring;
using CraftCX.Security;

namespace CraftCX.Tenants;

/// <summary>Stored settings of a tenant.</summary>
[GenerateSerializer, Alias("craftcx.tenant-settings.v1")]
internal sealed class TenantSettings
{
    /// <summary>Null until the tenant sets its own; the default scorecard applies meanwhile.</summary>
    [Id(0)] public Scorecard? Scorecard { get; set; }

    /// <summary>API keys as stored before they had a grain of their own; <c>ApiKeysGrain</c> moves them out once.</summary>
    [Id(1)] public Dictionary<string, StoredApiKey> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public AiTenantSettings Ai { get; set; } = new();

    /// <summary>Null until the tenant sets its own; the default (keep submitted data, technical records two weeks) applies meanwhile.</summary>
    [Id(3)] public RetentionPolicy? Retention { get; set; }

    /// <summary>A legal hold over all of the tenant's data: retention removes nothing while it is set.</summary>
    [Id(4)] public LegalHold? LegalHold { get; set; }

    /// <summary>Null until an operator creates the tenant.</summary>
    [Id(5)] public TenantLifecycle? Lifecycle { get; set; }

    /// <summary>Null until the tenant chooses: it takes no part in the peer benchmarks.</summary>
    [Id(6)] public PeerBenchmarks.PeerBenchmarkSettings? PeerBenchmarks { get; set; }
}
