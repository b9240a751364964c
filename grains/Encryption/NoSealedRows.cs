namespace CraftCX.Encryption;

/// <summary>Memory storage seals nothing: there are never older rows.</summary>
internal sealed class NoSealedRows : ISealedRows
{
    public Task<IReadOnlyList<SealedRow>> ListOlderAsync(string tenant, int currentVersion, SealedRow? after, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SealedRow>>([]);

    public Task<long> CountOlderAsync(string tenant, int currentVersion, CancellationToken cancellationToken) => Task.FromResult(0L);
}
