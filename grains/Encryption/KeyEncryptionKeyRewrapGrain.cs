using Orleans.Concurrency;

namespace CraftCX.Encryption;

/// <summary>
/// One page of the pass after a new key-encryption key: each tenant's ring grain wraps its own keys again, so the
/// pass never races a rotation or a destruction, and a page done twice changes nothing the second time.
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

        var tenants = await directory.ListTenantsAsync(after, limit, CancellationToken.None);
        var failed = new List<KeyRewrapFailure>();
        var moved = 0;
        foreach (var chunk in tenants.Chunk(Concurrency))
        {
            var results = await Task.WhenAll(chunk.Select(async tenant =>
            {
                try
                {
                    return (tenant, Moved: await GrainFactory.GetGrain<ITenantKeyRingGrain>(tenant).RewrapAsync(), Error: (string?)null);
                }
                catch (Exception ex) when (ex is InvalidOperationException or TamperedValueException)
                {
                    return (tenant, Moved: 0, Error: ex.Message);
                }
            }));
            moved += results.Sum(r => r.Moved);
            failed.AddRange(results.Where(r => r.Error is not null).Select(r => new KeyRewrapFailure(r.tenant, r.Error!)));
        }

        return new KeyRewrapPage(kek.Key.Version, tenants.Count, moved, failed, tenants.Count < limit ? null : tenants[^1]);
    }
}
