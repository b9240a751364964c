using System.Collections.Concurrent;
using CraftCX.Security;
using CraftCX.Tenants;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Security;

/// <summary>
/// Checks presented keys against their tenant's hashes, caching successes briefly per silo so that every request
/// does not cost a grain call; a revoked key stops working within <see cref="AuthOptions.KeyCacheTtl"/>.
/// </summary>
public sealed class ApiKeyValidator(IGrainFactory grains, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (ApiKeyVerification Verification, DateTimeOffset CheckedAt)> _cache = new(StringComparer.Ordinal);

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

        var verification = await grains.GetGrain<ITenantGrain>(tenant).VerifyApiKeyAsync(keyId, secret);
        if (verification is null)
        {
            _cache.TryRemove(presentedKey, out _);
            return null;
        }

        _cache[presentedKey] = (verification, now);
        return verification;
    }
}
