using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using CraftCX.Encryption;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CraftCX.Silo.Encryption;

/// <summary>Registers the key-encryption key from Azure Key Vault (Encryption:KeyVaultSecretUri).</summary>
internal static class KeyVaultServices
{
    public static IServiceCollection AddCraftCXKeyVaultKey(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton<TokenCredential>(KeyVaultSecretFetcher.ServiceKey, (_, _) => new DefaultAzureCredential());
        services.TryAddKeyedSingleton(KeyVaultSecretFetcher.ServiceKey, (_, _) => new SecretClientOptions());
        services.AddSingleton<IKeyEncryptionKeyFetcher, KeyVaultSecretFetcher>();
        return services;
    }
}
