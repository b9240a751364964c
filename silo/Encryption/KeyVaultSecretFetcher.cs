using Azure;
using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using CraftCX.Encryption;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Encryption;

/// <summary>
/// Reads the key-encryption key from an Azure Key Vault secret with the real client library and the silo's Azure
/// identity. A refusal or a missing secret is a settings failure naming Encryption:KeyVaultSecretUri.
/// </summary>
internal sealed partial class KeyVaultSecretFetcher(
    IOptions<EncryptionOptions> options,
    [FromKeyedServices(KeyVaultSecretFetcher.ServiceKey)] TokenCredential credential,
    [FromKeyedServices(KeyVaultSecretFetcher.ServiceKey)] SecretClientOptions clientOptions,
    ILogger<KeyVaultSecretFetcher> logger) : IKeyEncryptionKeyFetcher
{
    /// <summary>The DI key of the credential and client options it uses (a test gives its own first).</summary>
    public const string ServiceKey = "craftcx-key-vault";

    public async Task<string> FetchAsync(CancellationToken cancellationToken)
    {
        if (!KeyVaultSecretAddress.TryParse(options.Value.KeyVaultSecretUri, out var address))
        {
            throw Failure("is not a Key Vault secret's https address");
        }

        var client = new SecretClient(address!.Vault, credential, clientOptions);
        try
        {
            var secret = await client.GetSecretAsync(address.Name, address.Version, cancellationToken);
            LogRead(logger, address.Vault.Host, address.Name, secret.Value.Properties.Version ?? "latest");
            return secret.Value.Value;
        }
        catch (RequestFailedException ex) when (ex.Status is 401 or 403 or 404)
        {
            throw Failure($"was refused by Key Vault ({ex.Status} {ex.ErrorCode}): give the silo's identity the 'get' permission on secret '{address.Name}', or fix the address");
        }
    }

    private static OptionsValidationException Failure(string what) =>
        new(EncryptionOptions.Section, typeof(EncryptionOptions), [$"Encryption:KeyVaultSecretUri {what}."]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key-encryption key read from Key Vault {Vault}, secret {Name} version {Version}")]
    private static partial void LogRead(ILogger logger, string vault, string name, string version);
}
