using System.Collections.Concurrent;

namespace CraftCX.Tenants;

/// <summary>
/// Per silo, keyed by tenant: whether a tenant's deletion has begun, read at most every <see cref="Ttl"/>. Writers
/// that act on their own after ingestion stopped (history sends) ask it, and a deletion waits
/// <see cref="QuietTime"/> before its storage sweep, so that none of them writes a row behind the sweep.
/// </summary>
public sealed class TenantLifecycleCache(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);

    /// <summary>Long enough for every silo to have seen the deletion and for a write it started before to finish.</summary>
    public static readonly TimeSpan QuietTime = (2 * Ttl) + TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (bool Deleting, DateTimeOffset ReadAt)> _tenants = new(StringComparer.Ordinal);

    public async ValueTask<bool> IsDeletingAsync(string tenant)
    {
        var now = time.GetUtcNow();
        if (_tenants.TryGetValue(tenant, out var known) && now - known.ReadAt < Ttl && now >= known.ReadAt)
        {
            return known.Deleting;
        }

        var lifecycle = await grains.GetGrain<ITenantGrain>(tenant).GetLifecycleAsync();
        var deleting = lifecycle?.State is TenantLifecycleState.Deleting or TenantLifecycleState.Deleted;
        _tenants[tenant] = (deleting, now);
        return deleting;
    }
}
