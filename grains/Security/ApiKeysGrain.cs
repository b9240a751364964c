using CraftCX.Events;
using CraftCX.Tenants;

namespace CraftCX.Security;

/// <summary>A tenant's API keys and every check of them, apart from the tenant's settings and aggregates.</summary>
internal sealed class ApiKeysGrain(
    [PersistentState("api-keys", StorageNames.Tenants)] IPersistentState<ApiKeyRing> ring,
    TimeProvider time) : Grain, IApiKeysGrain
{
    private const int MaxActiveKeys = 100;

    /// <summary>Revoked keys of one name kept when a key of that name is replaced (the older ones are dropped).</summary>
    private const int RevokedKeptPerName = 5;

    private Dictionary<string, StoredApiKey> Keys => ring.State.Keys;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!ring.State.MovedFromTenantSettings)
        {
            await MoveLegacyKeysAsync();
        }
    }

    public Task<CreatedApiKey> CreateAsync(string name, IReadOnlyList<string> scopes, string? agent = null) => AddAsync(name, scopes, agent, replace: false);

    public Task<CreatedApiKey> ReplaceAsync(string name, IReadOnlyList<string> scopes) => AddAsync(name, scopes, agent: null, replace: true);

    public async Task<bool> RevokeAsync(string keyId)
    {
        if (!Keys.TryGetValue(keyId, out var key))
        {
            return false;
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow();
            await this.WriteOrDeactivateAsync(ring);
        }

        return true;
    }

    public async Task<int> RevokeAllAsync()
    {
        var now = time.GetUtcNow();
        var active = Keys.Values.Where(k => k.RevokedAt is null).ToList();
        foreach (var key in active)
        {
            key.RevokedAt = now;
        }

        if (active.Count > 0)
        {
            await this.WriteOrDeactivateAsync(ring);
        }

        return active.Count;
    }

    public async Task ForgetAsync()
    {
        await ring.ForgetStoredAsync();

        // Cleared is also "not moved yet": the settings' legacy keys went with the tenant's data.
        ring.State.MovedFromTenantSettings = true;
    }

    public Task<IReadOnlyList<ApiKeyInfo>> ListAsync() =>
        Task.FromResult<IReadOnlyList<ApiKeyInfo>>(Keys.Values.OrderBy(k => k.CreatedAt).Select(k => k.ToInfo()).ToArray());

    public Task<bool> IsActiveAsync(string keyId) =>
        Task.FromResult(Keys.TryGetValue(keyId, out var key) && key.RevokedAt is null);

    public Task<ApiKeyVerification?> VerifyAsync(string keyId, string secret) =>
        Task.FromResult(Keys.TryGetValue(keyId, out var key) && key.RevokedAt is null && ApiKeyHasher.Verify(secret, key.Salt, key.Hash)
            ? new ApiKeyVerification(this.GetPrimaryKeyString(), key.KeyId, key.Name, key.Scopes.ToArray(), key.Agent)
            : null);

    private async Task<CreatedApiKey> AddAsync(string name, IReadOnlyList<string> scopes, string? agent, bool replace)
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

        var now = time.GetUtcNow();
        if (replace)
        {
            var sameName = Keys.Values.Where(k => k.Name == name).ToList();
            foreach (var key in sameName.Where(k => k.RevokedAt is null))
            {
                key.RevokedAt = now;
            }

            foreach (var old in sameName.OrderByDescending(k => k.CreatedAt).Skip(RevokedKeptPerName))
            {
                Keys.Remove(old.KeyId);
            }
        }

        if (Keys.Count(k => k.Value.RevokedAt is null) >= MaxActiveKeys)
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
        Keys[keyId] = stored;
        await this.WriteOrDeactivateAsync(ring);
        return new CreatedApiKey(ApiKeyFormat.Compose(this.GetPrimaryKeyString(), keyId, secret), stored.ToInfo());
    }

    // Stored here first, then dropped from the settings, then marked moved: a crash in between only repeats the copy.
    private async Task MoveLegacyKeysAsync()
    {
        var source = GrainFactory.GetGrain<ILegacyApiKeySource>(this.GetPrimaryKeyString());
        var legacy = await source.GetLegacyApiKeysAsync();
        if (legacy.Count > 0)
        {
            foreach (var key in legacy)
            {
                Keys.TryAdd(key.KeyId, key);
            }

            await ring.WriteStateAsync();
            await source.ClearLegacyApiKeysAsync();
        }

        ring.State.MovedFromTenantSettings = true;
        if (legacy.Count > 0 || ring.RecordExists)
        {
            await ring.WriteStateAsync();
        }

        // Otherwise (a tenant with no keys, or a made-up one a stranger presented) the flag stays in memory and
        // is stored with the first key: no row per tenant id someone tries.
    }
}
