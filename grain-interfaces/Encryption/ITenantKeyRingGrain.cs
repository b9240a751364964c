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
    /// Wraps every data key wrapped by an older key-encryption key again under <paramref name="toVersion"/>, which
    /// must be the current one of the silo serving the ring (a ring also moves by itself when a silo first loads it).
    /// </summary>
    [Alias("rewrap")]
    Task<KeyRingRewrap> RewrapAsync(int toVersion);

    /// <summary>Crypto-shredding: every key version is destroyed, so that no copy of the data, backups included, opens again.</summary>
    [Alias("destroy")]
    Task DestroyAsync(string actor);
}
