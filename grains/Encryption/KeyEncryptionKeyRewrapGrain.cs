using System.Globalization;
using Orleans.Concurrency;

namespace CraftCX.Encryption;

/// <summary>
/// One page of the pass after a new key-encryption key: each tenant's ring grain wraps its own keys again, so the
/// pass never races a rotation or a destruction, and a page done twice changes nothing the second time. A tenant
/// whose ring fails, or is left wrapped by another version, is reported and the page goes on.
/// </summary>
[StatelessWorker]
internal sealed class KeyEncryptionKeyRewrapGrain(IKeyRingDirectory directory, KeyEncryptionKeySource kek) : Grain, IKeyEncryptionKeyRewrapGrain
{
    private const int Concurrency = 8;

    public async Task<KeyRewrapPage> RewrapAsync(string after, int limit)
    {
        if (kek.Problem is { } problem)
        {
            throw new InvalidOperationException($"No key-encryption key is configured ({problem}), so no data key is wrapped: there is nothing to move.");
        }

        var target = kek.Key.Version;
        var tenants = await directory.ListTenantsAsync(after, limit, CancellationToken.None);
        var failed = new List<KeyRewrapFailure>();
        var moved = 0;
        foreach (var chunk in tenants.Chunk(Concurrency))
        {
            var results = await Task.WhenAll(chunk.Select(tenant => RewrapTenantAsync(tenant, target)));
            moved += results.Sum(r => r.Moved);
            failed.AddRange(results.Select(r => r.Failure).OfType<KeyRewrapFailure>());
        }

        return new KeyRewrapPage(target, tenants.Count, moved, failed, tenants.Count < limit ? null : tenants[^1]);
    }

    private async Task<(int Moved, KeyRewrapFailure? Failure)> RewrapTenantAsync(string tenant, int target)
    {
        try
        {
            var result = await GrainFactory.GetGrain<ITenantKeyRingGrain>(tenant).RewrapAsync(target);
            var others = result.WrappedBy.Where(v => v != target).ToArray();
            return others.Length == 0
                ? (result.Moved, null)
                : (result.Moved, new KeyRewrapFailure(tenant, $"still wrapped by key-encryption key version {string.Join(", ", others.Select(v => v.ToString(CultureInfo.InvariantCulture)))}"));
        }
        catch (Exception ex)
        {
            // Any failure of one tenant (a storage error, a timeout) is that tenant's: the pass goes on past it.
            return (0, new KeyRewrapFailure(tenant, ex is InvalidOperationException or TamperedValueException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}"));
        }
    }
}
