using CraftCX.Aggregation;
using CraftCX.Scoring;
using CraftCX.Security;

namespace CraftCX.Tenants;

/// <summary>A tenant's settings (its scorecard) and its tenant-wide rolling aggregates; key: the tenant id.</summary>
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

    /// <summary>Creates an API key with the given scopes; its secret is returned once and stored only hashed.</summary>
    /// <param name="agent">The agent the key acts as (an agent's own key), or null.</param>
    Task<CreatedApiKey> CreateApiKeyAsync(string name, IReadOnlyList<string> scopes, string? agent = null);

    /// <summary>
    /// Creates a key like <see cref="CreateApiKeyAsync"/> and, in the same write, revokes the tenant's other active
    /// keys of that name (so a key made at every start never piles up); keeps the few newest revoked ones for the record.
    /// </summary>
    Task<CreatedApiKey> ReplaceApiKeyAsync(string name, IReadOnlyList<string> scopes);

    /// <summary>Revokes a key; false when the tenant has no such key.</summary>
    Task<bool> RevokeApiKeyAsync(string keyId);

    [ReadOnly]
    Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync();

    /// <summary>Whether the tenant has this key and it is not revoked (for access tokens and open connections made from it).</summary>
    [ReadOnly]
    Task<bool> IsApiKeyActiveAsync(string keyId);

    /// <summary>The key's tenant and scopes when the secret matches a key that is not revoked; null otherwise.</summary>
    [ReadOnly]
    Task<ApiKeyVerification?> VerifyApiKeyAsync(string keyId, string secret);
}
