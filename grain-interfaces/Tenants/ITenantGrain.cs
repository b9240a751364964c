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

    /// <summary>The tenant's retention policy, or the default one when none was set.</summary>
    [ReadOnly]
    Task<RetentionPolicy> GetRetentionPolicyAsync();

    /// <summary>Replaces the retention policy; throws <see cref="ArgumentException"/> when it is not valid.</summary>
    Task<RetentionPolicy> SetRetentionPolicyAsync(RetentionPolicy policy);

    [ReadOnly]
    Task<LegalHold?> GetLegalHoldAsync();

    /// <summary>Sets (a hold) or lifts (null) a legal hold over all of the tenant's data.</summary>
    Task SetLegalHoldAsync(LegalHold? hold);
}
