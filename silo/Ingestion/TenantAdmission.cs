using System.Collections.Concurrent;
using CraftCX.Events;
using CraftCX.Tenants;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Ingestion;

/// <summary>
/// Whether a tenant's events are taken in: only an operator-created tenant that is active. Each silo keeps the
/// answer per tenant for <c>Ingestion:TenantStatusTtl</c>, so a suspension reaches every silo within that time
/// and a busy tenant costs one grain call per period, not per event.
/// </summary>
internal sealed class TenantAdmission(IGrainFactory grains, IOptions<IngestionOptions> options, TimeProvider time)
{
    // Stray traffic can name any number of tenants: the cache starts over rather than grow without bound.
    private const int MaxTenants = 10_000;

    private readonly ConcurrentDictionary<string, (TenantLifecycleState? State, long At)> _known = new(StringComparer.Ordinal);

    /// <summary>Null when the tenant's events are taken in; otherwise the reason to dead-letter them.</summary>
    public async ValueTask<EventRejection?> RefusalAsync(string tenant)
    {
        if (!_known.TryGetValue(tenant, out var known) || time.GetElapsedTime(known.At) >= options.Value.TenantStatusTtl)
        {
            var lifecycle = await grains.GetGrain<ITenantGrain>(tenant).GetLifecycleAsync();
            if (_known.Count >= MaxTenants)
            {
                _known.Clear();
            }

            known = (lifecycle?.State, time.GetTimestamp());
            _known[tenant] = known;
        }

        return TenantIngestion.Refusal(tenant, known.State);
    }
}
