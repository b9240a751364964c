using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CraftCX.Encryption;

/// <summary>
/// The per-silo cache of unwrapped data keys, keyed by tenant: a key is unwrapped once per tenant and lifetime
/// (<see cref="EncryptionOptions.KeyCacheTtl"/>), never per event. A row needing a version this silo has not seen
/// yet (a rotation on another silo) reloads at once.
/// </summary>
internal sealed class TenantDataKeys(IGrainFactory grains, KeyEncryptionKeySource kek, IOptions<EncryptionOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, CachedKeys> _byTenant = new(StringComparer.Ordinal);
    private long _loads;

    /// <summary>How many times this silo fetched and unwrapped a tenant's keys (the cache's misses).</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>The tenant's keys; <paramref name="needed"/> forces a reload when the cached set does not know that version.</summary>
    public async ValueTask<DataKeySet> GetAsync(string tenant, int? needed = null)
    {
        var now = time.GetUtcNow();
        if (_byTenant.TryGetValue(tenant, out var cached) && cached.ExpiresAt > now)
        {
            var keys = await cached.Keys.Value;
            if (needed is not { } version || keys.Knows(version))
            {
                return keys;
            }
        }

        // Loaded off any grain's scheduler: the task is shared by every caller on this silo, and a continuation
        // bound to the first caller's activation would never run once that activation is gone.
        var fresh = new CachedKeys(new Lazy<Task<DataKeySet>>(() => Task.Run(() => LoadAsync(tenant))), now + options.Value.KeyCacheTtl);
        var winner = _byTenant.AddOrUpdate(tenant, fresh, (_, old) => ReferenceEquals(old, cached) ? fresh : old);
        try
        {
            return await winner.Keys.Value;
        }
        catch
        {
            _byTenant.TryRemove(KeyValuePair.Create(tenant, winner));
            throw;
        }
    }

    /// <summary>Drops this silo's copy (after a rotation or destruction made here).</summary>
    public void Forget(string tenant) => _byTenant.TryRemove(tenant, out _);

    private async Task<DataKeySet> LoadAsync(string tenant)
    {
        Interlocked.Increment(ref _loads);
        var ring = await grains.GetGrain<ITenantKeyRingGrain>(tenant).EnsureAsync();
        var keys = new Dictionary<int, byte[]>();
        foreach (var key in ring.Keys)
        {
            // A ring not yet wrapped again under a new key-encryption key opens with the earlier one.
            keys[key.Version] = await kek.For(key.WrappingKeyVersion).UnwrapDataKeyAsync(tenant, key.Version, key.Wrapped);
        }

        return new DataKeySet(tenant, ring.CurrentVersion, keys, ring.DestroyedThrough, ring.DestroyedAt);
    }

    private sealed record CachedKeys(Lazy<Task<DataKeySet>> Keys, DateTimeOffset ExpiresAt);
}
