namespace CraftCX.Encryption;

/// <summary>The service holding a key-encryption key (Azure Key Vault) refused to use it: a settings problem, named by its setting.</summary>
[GenerateSerializer, Alias("craftcx.key-encryption-key-refused.v1")]
public sealed class KeyEncryptionKeyRefusedException : InvalidOperationException
{
    public KeyEncryptionKeyRefusedException()
    {
    }

    public KeyEncryptionKeyRefusedException(string message)
        : base(message)
    {
    }

    public KeyEncryptionKeyRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
