namespace CraftCX.Encryption;

/// <summary>A tenant's data keys (key: tenant id), kept in a storage of their own, apart from the data they protect.</summary>
[Alias("craftcx.ITenantKeyRingGrain")]
public interface ITenantKeyRingGrain : IGrainWithStringKey
{
    /// <summary>The ring, with a first key version made when the tenant has none yet.</summary>
    [Alias("ensure")]
    Task<WrappedKeyRing> EnsureAsync();

    [Alias("status")]
    Task<TenantEncryptionStatus> GetStatusAsync();

    /// <summary>
    /// A new key version for new writes at once; a background re-encryption then moves stored rows to it. A
    /// rotation under way is not started again: its status is returned.
    /// </summary>
    [Alias("rotate")]
    Task<TenantEncryptionStatus> RotateAsync(string actor);

    /// <summary>The tenant was created again after its deletion: new data may get new keys (the destroyed ones stay destroyed).</summary>
    [Alias("allow-new-keys")]
    Task AllowNewKeysAsync();

    /// <summary>
    /// Wraps every data key still wrapped by an earlier key-encryption key again under the current one (the ring
    /// also does this by itself when it activates); how many keys moved.
    /// </summary>
    [Alias("rewrap")]
    Task<int> RewrapAsync();

    /// <summary>Crypto-shredding: every key version is destroyed, so that no copy of the data, backups included, opens again.</summary>
    [Alias("destroy")]
    Task DestroyAsync(string actor);
}
