using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using CraftCX.Encryption;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CraftCX.Silo.Encryption;

/// <summary>Registers the key-encryption key from Azure Key Vault: read from a secret, or kept in the vault as a key.</summary>
internal static class KeyVaultServices
{
    public static IServiceCollection AddCraftCXKeyVaultKey(this IServiceCollection services)
    {
        AddCredential(services);
        services.TryAddKeyedSingleton(KeyVaultSecretFetcher.ServiceKey, (_, _) => new SecretClientOptions());
        services.AddSingleton<IKeyEncryptionKeyFetcher, KeyVaultSecretFetcher>();
        return services;
    }

    /// <summary>Registers a key-encryption key that stays in Azure Key Vault (Encryption:KeyVaultKeyId).</summary>
    public static IServiceCollection AddCraftCXKeyVaultWrappingKey(this IServiceCollection services)
    {
        AddCredential(services);
        services.TryAddKeyedSingleton(KeyVaultSecretFetcher.ServiceKey, (_, _) => new KeyVaultKeyClientOptions());
        services.AddSingleton<IVaultKeyEncryptionKeys, KeyVaultKeyEncryptionKeys>();
        return services;
    }

    private static void AddCredential(IServiceCollection services) =>
        services.TryAddKeyedSingleton<TokenCredential>(KeyVaultSecretFetcher.ServiceKey, (_, _) => new DefaultAzureCredential());
}
