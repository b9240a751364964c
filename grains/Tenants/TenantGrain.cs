using CraftCX.Aggregation;
using CraftCX.Events;
using CraftCX.Scoring;
using CraftCX.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CraftCX.Tenants;

/// <summary>A tenant's settings and its tenant-wide rolling aggregates.</summary>
public sealed class TenantGrain(
    [PersistentState("tenant-aggregate", StorageNames.Aggregates)] IPersistentState<AggregateState> aggregate,
    [PersistentState("tenant-settings", StorageNames.Tenants)] IPersistentState<TenantSettings> settings,
    TimeProvider time,
    IOptions<AggregationOptions> options,
    ILogger<TenantGrain> logger)
    : ScoreAggregateGrain(aggregate, time, options, logger, AggregateLevel.Tenant, trackAgents: true), ITenantGrain
{
    private readonly TimeProvider _clock = time;

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

    public Task<CreatedApiKey> CreateApiKeyAsync(string name, IReadOnlyList<string> scopes, string? agent = null) => AddApiKeyAsync(name, scopes, agent, replace: false);

    public Task<CreatedApiKey> ReplaceApiKeyAsync(string name, IReadOnlyList<string> scopes) => AddApiKeyAsync(name, scopes, agent: null, replace: true);

    private async Task<CreatedApiKey> AddApiKeyAsync(string name, IReadOnlyList<string> scopes, string? agent, bool replace)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 128)
        {
            throw new ArgumentException("A key needs a name of 1 to 128 characters.", nameof(name));
        }

        if (scopes.Count == 0 || scopes.Any(s => !ApiScopes.IsKnown(s)))
        {
            throw new ArgumentException($"Scopes must be a non-empty subset of {string.Join(", ", ApiScopes.All)}.", nameof(scopes));
        }

        if (agent is not null && !IdRules.IsValidId(agent))
        {
            throw new ArgumentException("agent must match [A-Za-z0-9._:-]{1,128} when set.", nameof(agent));
        }

        var now = _clock.GetUtcNow();
        var keys = settings.State.ApiKeys;
        if (replace)
        {
            var sameName = keys.Values.Where(k => k.Name == name).ToList();
            foreach (var key in sameName.Where(k => k.RevokedAt is null))
            {
                key.RevokedAt = now;
            }

            foreach (var old in sameName.OrderByDescending(k => k.CreatedAt).Skip(RevokedKeptPerName))
            {
                keys.Remove(old.KeyId);
            }
        }

        if (keys.Count(k => k.Value.RevokedAt is null) >= MaxActiveKeys)
        {
            throw new ArgumentException($"The tenant already has {MaxActiveKeys} active keys; revoke one first.", nameof(name));
        }

        var keyId = ApiKeyHasher.NewKeyId();
        var secret = ApiKeyHasher.NewSecret();
        var (salt, hash) = ApiKeyHasher.Hash(secret);
        var stored = new StoredApiKey
        {
            KeyId = keyId,
            Name = name,
            Scopes = scopes.Distinct(StringComparer.Ordinal).ToList(),
            Salt = salt,
            Hash = hash,
            CreatedAt = now,
            Agent = agent,
        };
        keys[keyId] = stored;
        await this.WriteOrDeactivateAsync(settings);
        return new CreatedApiKey(ApiKeyFormat.Compose(this.GetPrimaryKeyString(), keyId, secret), stored.ToInfo());
    }

    public async Task<bool> RevokeApiKeyAsync(string keyId)
    {
        if (!settings.State.ApiKeys.TryGetValue(keyId, out var key))
        {
            return false;
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = _clock.GetUtcNow();
            await this.WriteOrDeactivateAsync(settings);
        }

        return true;
    }

    public Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync() =>
        Task.FromResult<IReadOnlyList<ApiKeyInfo>>(settings.State.ApiKeys.Values.OrderBy(k => k.CreatedAt).Select(k => k.ToInfo()).ToArray());

    public Task<bool> IsApiKeyActiveAsync(string keyId) =>
        Task.FromResult(settings.State.ApiKeys.TryGetValue(keyId, out var key) && key.RevokedAt is null);

    public Task<ApiKeyVerification?> VerifyApiKeyAsync(string keyId, string secret) =>
        Task.FromResult(settings.State.ApiKeys.TryGetValue(keyId, out var key) && key.RevokedAt is null && ApiKeyHasher.Verify(secret, key.Salt, key.Hash)
            ? new ApiKeyVerification(this.GetPrimaryKeyString(), key.KeyId, key.Name, key.Scopes.ToArray(), key.Agent)
            : null);

    private const int MaxActiveKeys = 100;

    /// <summary>Revoked keys of one name kept when a key of that name is replaced (the older ones are dropped).</summary>
    private const int RevokedKeptPerName = 5;
}
