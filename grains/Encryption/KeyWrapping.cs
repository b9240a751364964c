namespace CraftCX.Encryption;

/// <summary>What a key-encryption key wraps, and under which context: a tenant's data key of one version, or the check value.</summary>
public static class KeyWrapping
{
    /// <summary>The check value's context; its own, so it can never pass for a tenant's data key.</summary>
    public const string CheckContext = "craftcx.kek-check.v1";

    public static string DataKeyContext(string tenant, int dataKeyVersion) =>
        $"craftcx.data-key.v1/{tenant}/{dataKeyVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static ValueTask<byte[]> WrapDataKeyAsync(this IKeyEncryptionKey key, string tenant, int dataKeyVersion, byte[] dataKey, CancellationToken cancellationToken = default) =>
        key.WrapAsync(dataKey, DataKeyContext(tenant, dataKeyVersion), cancellationToken);

    public static ValueTask<byte[]> UnwrapDataKeyAsync(this IKeyEncryptionKey key, string tenant, int dataKeyVersion, byte[] wrapped, CancellationToken cancellationToken = default) =>
        key.UnwrapAsync(wrapped, DataKeyContext(tenant, dataKeyVersion), cancellationToken);
}
