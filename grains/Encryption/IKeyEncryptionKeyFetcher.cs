namespace CraftCX.Encryption;

/// <summary>Reads the key-encryption key from outside the process (Azure Key Vault) once, at start.</summary>
public interface IKeyEncryptionKeyFetcher
{
    /// <summary>The key as base64 text, as the secret holds it.</summary>
    Task<string> FetchAsync(CancellationToken cancellationToken);
}
