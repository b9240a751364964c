using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using CraftCX.Encryption;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Encryption;

/// <summary>The vault keys of the settings (Encryption:KeyVaultKeyId and Encryption:OtherKeyVaultKeyIds), over one authenticated pipeline.</summary>
internal sealed class KeyVaultKeyEncryptionKeys(
    IOptions<EncryptionOptions> options,
    [FromKeyedServices(KeyVaultSecretFetcher.ServiceKey)] TokenCredential credential,
    [FromKeyedServices(KeyVaultSecretFetcher.ServiceKey)] KeyVaultKeyClientOptions clientOptions) : IVaultKeyEncryptionKeys
{
    private readonly Lazy<HttpPipeline> _pipeline = new(() => HttpPipelineBuilder.Build(clientOptions, new BearerTokenAuthenticationPolicy(credential, clientOptions.Scope)));
    private IReadOnlyDictionary<int, IKeyEncryptionKey>? _others;
    private IKeyEncryptionKey? _current;

    // Made on first use, after the settings were validated at start: a bad id is reported there, by its setting.
    public IKeyEncryptionKey Current => _current ??= Key(options.Value.KeyVaultKeyId, options.Value.KeyEncryptionKeyVersion, "Encryption:KeyVaultKeyId");

    public IReadOnlyDictionary<int, IKeyEncryptionKey> Others => _others ??= options.Value.OtherKeyVaultKeyIds.ToDictionary(
        k => k.Key,
        k => Key(k.Value, k.Key, $"Encryption:OtherKeyVaultKeyIds:{k.Key.ToString(CultureInfo.InvariantCulture)}"));

    private IKeyEncryptionKey Key(string id, int version, string setting) =>
        KeyVaultKeyAddress.TryParse(id, out var address)
            ? new KeyVaultWrappingKey(address!, version, setting, _pipeline.Value, clientOptions)
            : throw new InvalidOperationException($"{setting} must be a Key Vault key's https id with its version.");
}
