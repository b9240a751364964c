using Microsoft.Extensions.Options;

namespace CraftCX.Encryption;

/// <summary>The configured key-encryption key, loaded once; asking for it unconfigured names the setting.</summary>
internal sealed class KeyEncryptionKeySource(IOptions<EncryptionOptions> options)
{
    private readonly Lazy<(KeyEncryptionKey? Key, string? Problem)> _loaded = new(() =>
    {
        var o = options.Value;
        var key = KeyEncryptionKey.TryLoad(o.KeyEncryptionKey, o.KeyEncryptionKeyFile, o.KeyEncryptionKeyVersion, out var problem);
        return (key, problem);
    });

    /// <summary>Null and why when it is not configured or not usable.</summary>
    public string? Problem => _loaded.Value.Problem;

    public KeyEncryptionKey Key => _loaded.Value.Key ?? throw new InvalidOperationException("No usable key-encryption key: " + _loaded.Value.Problem + ".");
}
