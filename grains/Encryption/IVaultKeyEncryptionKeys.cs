namespace CraftCX.Encryption;

/// <summary>
/// Key-encryption keys held in Azure Key Vault (Encryption:KeyVaultKeyId, Encryption:OtherKeyVaultKeyIds): they
/// wrap and unwrap inside the vault, so the key never reaches the silo.
/// </summary>
public interface IVaultKeyEncryptionKeys
{
    /// <summary>The current key when it is in the vault (Encryption:KeyVaultKeyId); null while only other keys are.</summary>
    IKeyEncryptionKey? Current { get; }

    /// <summary>Other vault keys by version (the previous one while a new one takes over, or the next one).</summary>
    IReadOnlyDictionary<int, IKeyEncryptionKey> Others { get; }
}
