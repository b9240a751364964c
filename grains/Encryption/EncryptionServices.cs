using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace CraftCX.Encryption;

/// <summary>Registers encryption at rest: options (section "Encryption", validated at start), the key-encryption key and the per-silo key cache.</summary>
public static class EncryptionServices
{
    public static IServiceCollection AddCraftCXEncryption(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EncryptionOptions>().Bind(configuration.GetSection(EncryptionOptions.Section)).ValidateOnStart();
        services.AddSingleton<KeyEncryptionKeySource>();
        services.AddSingleton<TenantDataKeys>();
        services.TryAddSingleton<ISealedRows, NoSealedRows>();
        services.TryAddSingleton<IKeyRingDirectory, NoKeyRingDirectory>();
        return services;
    }

    /// <summary>
    /// Start-up checks: with <paramref name="sealsStorage"/> the key-encryption key is required and must match the
    /// key store; without, a key that is set must still be usable.
    /// </summary>
    public static IServiceCollection AddCraftCXEncryptionChecks(this IServiceCollection services, bool sealsStorage)
    {
        services.AddSingleton<IValidateOptions<EncryptionOptions>>(new EncryptionOptionsValidator(sealsStorage));
        if (sealsStorage)
        {
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, KeyEncryptionKeyCheck>();
            services.AddSingleton<ITenantPayloadSealer, TenantPayloadSealer>();
        }
        else
        {
            services.AddSingleton<ITenantPayloadSealer, ClearPayloads>();
        }

        return services;
    }

    /// <summary>
    /// Replaces grain storage <paramref name="name"/> with one that seals every state with its tenant's data key
    /// before <paramref name="inner"/> stores it. The inner provider must store with <see cref="PayloadSerializer"/>.
    /// </summary>
    public static IServiceCollection AddCraftCXSealedStorage(this IServiceCollection services, string name, Func<IServiceProvider, IGrainStorage> inner)
    {
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new SealedGrainStorage(
            inner(sp),
            sp.GetRequiredService<IGrainStorageSerializer>(),
            sp.GetRequiredService<TenantDataKeys>(),
            sp.GetRequiredService<IActivatorProvider>(),
            sp.GetRequiredService<IOptions<EncryptionOptions>>()));
        return services;
    }

    /// <summary>The serializer a sealed provider's inner storage uses: sealed rows are stored as their bytes.</summary>
    public static IGrainStorageSerializer PayloadSerializer(IGrainStorageSerializer fallback) => new SealedPayloadSerializer(fallback);
}
