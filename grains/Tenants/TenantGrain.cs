using CraftCX.Aggregation;
using CraftCX.Privacy;
using CraftCX.Scoring;
using CraftCX.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CraftCX.Tenants;

/// <summary>A tenant's settings and its tenant-wide rolling aggregates (its keys live in <see cref="ApiKeysGrain"/>).</summary>
internal sealed class TenantGrain(
    [PersistentState("tenant-aggregate", StorageNames.Aggregates)] IPersistentState<AggregateState> aggregate,
    [PersistentState("tenant-settings", StorageNames.Tenants)] IPersistentState<TenantSettings> settings,
    TimeProvider time,
    IOptions<AggregationOptions> options,
    ILogger<TenantGrain> logger)
    : ScoreAggregateGrain(aggregate, time, options, logger, AggregateLevel.Tenant, trackAgents: true), ITenantGrain, ILegacyApiKeySource
{
    public Task<AiTenantSettings> GetAiSettingsAsync() => Task.FromResult(settings.State.Ai ?? new AiTenantSettings());

    public async Task<AiTenantSettings> SetAiSettingsAsync(AiTenantSettings ai)
    {
        if (ai.TokensPerMinute < 0 || ai.TokensPerDay < 0)
        {
            throw new ArgumentException("Token budgets cannot be negative (0 means no limit).", nameof(ai));
        }

        settings.State.Ai = ai;
        await this.WriteOrDeactivateAsync(settings);
        return ai;
    }

    public Task<RetentionPolicy> GetRetentionPolicyAsync() => Task.FromResult(settings.State.Retention ?? new RetentionPolicy());

    public async Task<RetentionPolicy> SetRetentionPolicyAsync(RetentionPolicy policy)
    {
        RetentionRules.EnsureValid(policy);
        settings.State.Retention = policy;
        await this.WriteOrDeactivateAsync(settings);
        return policy;
    }

    public Task<LegalHold?> GetLegalHoldAsync() => Task.FromResult(settings.State.LegalHold);

    public async Task SetLegalHoldAsync(LegalHold? hold)
    {
        settings.State.LegalHold = hold;
        await this.WriteOrDeactivateAsync(settings);
    }

    public Task<Scorecard> GetScorecardAsync() => Task.FromResult(settings.State.Scorecard ?? DefaultScorecard.Create());

    public async Task<Scorecard> SetScorecardAsync(Scorecard scorecard)
    {
        ScorecardValidator.EnsureValid(scorecard);
        var previous = settings.State.Scorecard ?? DefaultScorecard.Create();
        if (scorecard.Version <= previous.Version)
        {
            // Silos reuse a compilation while id and version are unchanged: every edit gets a new version.
            scorecard = scorecard with { Version = previous.Version + 1 };
        }

        settings.State.Scorecard = scorecard;
        await this.WriteOrDeactivateAsync(settings);
        return scorecard;
    }

    public Task<List<StoredApiKey>> GetLegacyApiKeysAsync() => Task.FromResult(settings.State.ApiKeys.Values.ToList());

    public async Task ClearLegacyApiKeysAsync()
    {
        if (settings.State.ApiKeys.Count > 0)
        {
            settings.State.ApiKeys.Clear();
            await this.WriteOrDeactivateAsync(settings);
        }
    }
}
