namespace CraftCX.Encryption;

/// <summary>Lists the tenants that have a stored key ring, in id order, for a pass over all of them.</summary>
public interface IKeyRingDirectory
{
    /// <summary>Up to <paramref name="limit"/> tenant ids after <paramref name="after"/> (ordinal order).</summary>
    Task<IReadOnlyList<string>> ListTenantsAsync(string after, int limit, CancellationToken cancellationToken);
}
