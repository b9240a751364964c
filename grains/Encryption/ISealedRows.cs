namespace CraftCX.Encryption;

/// <summary>Finds a tenant's stored rows sealed under an older key version (or not at all), without opening them.</summary>
public interface ISealedRows
{
    /// <summary>Up to <paramref name="limit"/> rows after <paramref name="after"/> in key order, sealed below <paramref name="currentVersion"/>.</summary>
    Task<IReadOnlyList<SealedRow>> ListOlderAsync(string tenant, int currentVersion, SealedRow? after, int limit, CancellationToken cancellationToken);

    /// <summary>How many such rows there are, for progress.</summary>
    Task<long> CountOlderAsync(string tenant, int currentVersion, CancellationToken cancellationToken);
}
