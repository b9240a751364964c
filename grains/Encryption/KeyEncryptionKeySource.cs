using Microsoft.Extensions.Options;

namespace CraftCX.Encryption;

/// <summary>
/// The key-encryption key, loaded once: from configuration on first use, or from Key Vault by
/// <see cref="LoadAsync"/> at start, before the silo serves. Asking for it unconfigured names the setting.
/// </summary>
internal sealed class KeyEncryptionKeySource(IOptions<EncryptionOptions> options, IKeyEncryptionKeyFetcher? fetcher = null)
{
    private (KeyEncryptionKey? Key, string? Problem)? _loaded;

    /// <summary>Null when a usable key is (or will be) loaded; else why not.</summary>
    public string? Problem => fetcher is not null ? _loaded?.Problem : Loaded().Problem;

    public KeyEncryptionKey Key => Loaded().Key ?? throw new InvalidOperationException("No usable key-encryption key: " + Loaded().Problem + ".");

    /// <summary>Reads the key from Key Vault when it comes from there (a failure says which setting to look at).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (fetcher is null || _loaded is { Key: not null })
        {
            return;
        }

        var text = await fetcher.FetchAsync(cancellationToken);
        var key = KeyEncryptionKey.TryLoad(text, null, options.Value.KeyEncryptionKeyVersion, out var problem);
        _loaded = (key, problem is null ? null : "the secret at Encryption:KeyVaultSecretUri is not base64 of 32 bytes");
        if (key is null)
        {
            throw new OptionsValidationException(EncryptionOptions.Section, typeof(EncryptionOptions), [$"Encryption:KeyVaultSecretUri: {_loaded.Value.Problem}; store it as `openssl rand -base64 32` prints it."]);
        }
    }

    private (KeyEncryptionKey? Key, string? Problem) Loaded()
    {
        if (_loaded is { } loaded)
        {
            return loaded;
        }

        if (fetcher is not null)
        {
            return (null, "the key from Encryption:KeyVaultSecretUri is read at start, which has not happened");
        }

        var o = options.Value;
        var key = KeyEncryptionKey.TryLoad(o.KeyEncryptionKey, o.KeyEncryptionKeyFile, o.KeyEncryptionKeyVersion, out var problem);
        _loaded = (key, problem);
        return _loaded.Value;
    }
}
