namespace CraftCX.Security;

/// <summary>
/// A tenant's API keys: created, replaced, revoked, listed and checked. Its own grain, so that every key check
/// stays off the tenant's busy aggregate activation; key: the tenant id.
/// </summary>
[Alias("craftcx.IApiKeysGrain")]
public interface IApiKeysGrain : IGrainWithStringKey
{
    /// <summary>Creates an API key with the given scopes; its secret is returned once and stored only hashed.</summary>
    /// <param name="agent">The agent the key acts as (an agent's own key), or null.</param>
    Task<CreatedApiKey> CreateAsync(string name, IReadOnlyList<string> scopes, string? agent = null);

    /// <summary>
    /// Creates a key like <see cref="CreateAsync"/> and, in the same write, revokes the tenant's other active keys
    /// of that name (so a key made at every start never piles up); keeps the few newest revoked ones for the record.
    /// </summary>
    Task<CreatedApiKey> ReplaceAsync(string name, IReadOnlyList<string> scopes);

    /// <summary>Revokes a key; false when the tenant has no such key.</summary>
    Task<bool> RevokeAsync(string keyId);

    /// <summary>The tenant was terminated: every active key is revoked; answers how many.</summary>
    Task<int> RevokeAllAsync();

    /// <summary>The tenant's data is deleted: the keys' stored state goes.</summary>
    Task ForgetAsync();

    [ReadOnly]
    Task<IReadOnlyList<ApiKeyInfo>> ListAsync();

    /// <summary>Whether the tenant has this key and it is not revoked (for access tokens and open connections made from it).</summary>
    [ReadOnly]
    Task<bool> IsActiveAsync(string keyId);

    /// <summary>The key's tenant and scopes when the secret matches a key that is not revoked; null otherwise.</summary>
    [ReadOnly]
    Task<ApiKeyVerification?> VerifyAsync(string keyId, string secret);
}
