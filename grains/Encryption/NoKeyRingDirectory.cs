namespace CraftCX.Encryption;

/// <summary>Memory storage: key rings die with the silo, so none outlives a change of the key-encryption key.</summary>
internal sealed class NoKeyRingDirectory : IKeyRingDirectory
{
    public Task<IReadOnlyList<string>> ListTenantsAsync(string after, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
