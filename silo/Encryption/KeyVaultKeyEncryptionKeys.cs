using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using CraftCX.Encryption;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Encryption;

/// <summary>The vault keys of the settings (Encryption:KeyVaultKeyId and Encryption:OtherKeyVaultKeyIds), each over an authenticated pipeline for its vault.</summary>
internal sealed class KeyVaultKeyEncryptionKeys(
    IOptions<EncryptionOptions> options,
    [FromKeyedServices(KeyVaultSecretFetcher.ServiceKey)] TokenCredential credential,
    [FromKeyedServices(KeyVaultSecretFetcher.ServiceKey)] KeyVaultKeyClientOptions clientOptions) : IVaultKeyEncryptionKeys
{
    private IReadOnlyDictionary<int, IKeyEncryptionKey>? _others;
    private IKeyEncryptionKey? _current;

    // Made on first use, after the settings were validated at start: a bad id is reported there, by its setting.
    public IKeyEncryptionKey? Current => string.IsNullOrWhiteSpace(options.Value.KeyVaultKeyId)
        ? null
        : _current ??= Key(options.Value.KeyVaultKeyId, options.Value.KeyEncryptionKeyVersion, "Encryption:KeyVaultKeyId");

    public IReadOnlyDictionary<int, IKeyEncryptionKey> Others => _others ??= options.Value.OtherKeyVaultKeyIds.ToDictionary(
        k => k.Key,
        k => Key(k.Value, k.Key, $"Encryption:OtherKeyVaultKeyIds:{k.Key.ToString(CultureInfo.InvariantCulture)}"));

    private IKeyEncryptionKey Key(string id, int version, string setting)
    {
        if (!KeyVaultKeyAddress.TryParse(id, out var address))
        {
            throw new KeyEncryptionKeyRefusedException($"{setting} must be a Key Vault key's https id with its version.");
        }

        var pipeline = HttpPipelineBuilder.Build(clientOptions, new BearerTokenAuthenticationPolicy(credential, clientOptions.ScopeFor(address!.Vault)));
        return new KeyVaultWrappingKey(address, version, setting, pipeline, clientOptions);
    }
}
