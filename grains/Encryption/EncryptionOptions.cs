namespace CraftCX.Encryption;

/// <summary>Encryption at rest (section "Encryption"): the key-encryption key, the key store and the key cache.</summary>
public sealed class EncryptionOptions
{
    public const string Section = "Encryption";

    /// <summary>Seal new writes of personal data on PostgreSQL; off, rows are written in the clear (sealed ones still open).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Read rows stored in the clear (by a build before encryption, or with <see cref="Enabled"/> off) while sealing
    /// is on. Off by default: someone who can write to the database must not be able to slip in a clear row. Turn it
    /// on for the migration (a rotation seals every clear row), then off again.
    /// </summary>
    public bool AcceptClearRows { get; set; }

    /// <summary>
    /// Compress each state (zlib) before sealing it: a sealed row does not compress in the database, so this keeps
    /// rows about the size PostgreSQL stored them in the clear. Off, rows are sealed as they are (both read either way).
    /// </summary>
    public bool CompressBeforeSealing { get; set; } = true;

    /// <summary>Base64 of 32 random bytes (`openssl rand -base64 32`); or use <see cref="KeyEncryptionKeyFile"/>.</summary>
    public string KeyEncryptionKey { get; set; } = string.Empty;

    /// <summary>A file holding the 32 bytes raw or as base64, e.g. a mounted secret.</summary>
    public string KeyEncryptionKeyFile { get; set; } = string.Empty;

    /// <summary>
    /// Or: an Azure Key Vault secret holding the key as base64 (https://vault.vault.azure.net/secrets/name[/version]),
    /// read once at start with the silo's Azure identity (DefaultAzureCredential).
    /// </summary>
    public string KeyVaultSecretUri { get; set; } = string.Empty;

    /// <summary>
    /// Or: an Azure Key Vault key (https://vault.vault.azure.net/keys/name/version, RSA) that wraps the data keys
    /// inside the vault (RSA-OAEP-256), so the key-encryption key never reaches the silo; the silo's Azure identity
    /// needs the wrapKey and unwrapKey permissions.
    /// </summary>
    public string KeyVaultKeyId { get; set; } = string.Empty;

    /// <summary>Other Key Vault key ids by version, as <see cref="OtherKeyEncryptionKeys"/> is for keys held here.</summary>
    public Dictionary<int, string> OtherKeyVaultKeyIds { get; set; } = [];

    /// <summary>The version recorded with each wrapped data key, so that a new key-encryption key can be told apart.</summary>
    public int KeyEncryptionKeyVersion { get; set; } = 1;

    /// <summary>
    /// Other key-encryption keys by version (base64) that this silo unwraps with: the next one before it becomes
    /// current, the previous one while every key ring moves to the new one (docs/encryption.md).
    /// </summary>
    public Dictionary<int, string> OtherKeyEncryptionKeys { get; set; } = [];

    /// <summary>The same as files (raw 32 bytes or base64), e.g. mounted secrets.</summary>
    public Dictionary<int, string> OtherKeyEncryptionKeyFiles { get; set; } = [];

    /// <summary>
    /// Where the wrapped data keys live; empty means the storage database (own rows, never beside the data).
    /// For shredding to reach backups, give it a database whose backups are kept for a short time.
    /// </summary>
    public string KeyStoreConnectionString { get; set; } = string.Empty;

    /// <summary>How long a silo keeps a tenant's unwrapped data keys; also how late other silos see a rotation or destruction.</summary>
    public TimeSpan KeyCacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows the re-encryption after a rotation takes in one batch.</summary>
    public int ResealBatchSize { get; set; } = 200;

    /// <summary>Grains the re-encryption writes at once.</summary>
    public int ResealConcurrency { get; set; } = 8;
}
