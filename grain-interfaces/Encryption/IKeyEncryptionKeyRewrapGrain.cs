namespace CraftCX.Encryption;

/// <summary>Moves the tenants' key rings to the current key-encryption key, a page at a time (any key; stateless).</summary>
[Alias("craftcx.IKeyEncryptionKeyRewrapGrain")]
public interface IKeyEncryptionKeyRewrapGrain : IGrainWithIntegerKey
{
    /// <summary>Up to <paramref name="limit"/> tenants after <paramref name="after"/> (empty: from the start).</summary>
    [Alias("rewrap-page")]
    Task<KeyRewrapPage> RewrapAsync(string after, int limit);
}
