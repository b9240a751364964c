using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using CraftCX.Security;
using CraftCX.Tenants;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Security;

/// <summary>
/// Checks presented keys against their tenant's hashes, and whether a key behind a token or an open connection is
/// still active. Answers are cached per silo for <see cref="AuthOptions.KeyCacheTtl"/>, so that every request does
/// not cost a grain call; a revoked key (and whatever was made from it) stops working within that time.
/// </summary>
internal sealed class ApiKeyValidator(IGrainFactory grains, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (ApiKeyVerification Verification, DateTimeOffset CheckedAt)> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Tenant, string KeyId), (bool Active, DateTimeOffset CheckedAt)> _status = new();

    /// <summary>A recent success for exactly this key, answered without a grain call.</summary>
    public bool TryGetCached(string presentedKey, [NotNullWhen(true)] out ApiKeyVerification? verification)
    {
        verification = _cache.TryGetValue(presentedKey, out var cached) && time.GetUtcNow() - cached.CheckedAt < options.Value.KeyCacheTtl
            ? cached.Verification
            : null;
        return verification is not null;
    }

    public async Task<ApiKeyVerification?> ValidateAsync(string presentedKey)
    {
        if (!ApiKeyFormat.TryParse(presentedKey, out var tenant, out var keyId, out var secret))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (_cache.TryGetValue(presentedKey, out var cached) && now - cached.CheckedAt < options.Value.KeyCacheTtl)
        {
            return cached.Verification;
        }

        var verification = await grains.GetGrain<IApiKeysGrain>(tenant).VerifyAsync(keyId, secret);
        if (verification is null)
        {
            _cache.TryRemove(presentedKey, out _);
            return null;
        }

        _cache[presentedKey] = (verification, now);
        return verification;
    }

    /// <summary>Whether the tenant's key is still active (not revoked, not deleted); <paramref name="fresh"/> skips the cache.</summary>
    public async ValueTask<bool> IsActiveAsync(string tenant, string keyId, bool fresh = false)
    {
        var now = time.GetUtcNow();
        if (!fresh && _status.TryGetValue((tenant, keyId), out var cached) && now - cached.CheckedAt < options.Value.KeyCacheTtl)
        {
            return cached.Active;
        }

        bool active;
        try
        {
            active = await grains.GetGrain<IApiKeysGrain>(tenant).IsActiveAsync(keyId);
        }
        catch (Exception) when (_status.TryGetValue((tenant, keyId), out var stale))
        {
            // The tenant grain is out of reach for a moment: the last answer stands until it is back.
            return stale.Active;
        }

        _status[(tenant, keyId)] = (active, now);
        return active;
    }
}
