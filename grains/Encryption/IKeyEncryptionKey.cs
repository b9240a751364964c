namespace CraftCX.Encryption;

/// <summary>
/// A key-encryption key: wraps values (tenants' data keys, the start-up check value) bound to a context, so that a
/// wrapped key moved to another tenant or version does not open. Held in this process, or in Azure Key Vault.
/// </summary>
public interface IKeyEncryptionKey
{
    /// <summary>The version recorded with what it wrapped (Encryption:KeyEncryptionKeyVersion or the other keys' versions).</summary>
    int Version { get; }

    ValueTask<byte[]> WrapAsync(ReadOnlyMemory<byte> value, string context, CancellationToken cancellationToken);

    /// <summary>The value <see cref="WrapAsync"/> wrapped under the same context; another key or context throws <see cref="TamperedValueException"/>.</summary>
    ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrapped, string context, CancellationToken cancellationToken);
}
