using CraftCX.Api;
using CraftCX.Encryption;
using CraftCX.Silo.Encryption;
using CraftCX.Tenants;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace CraftCX.Silo.Storage;

/// <summary>Grain storage for every provider the grains use, and the reminder service: memory or PostgreSQL.</summary>
internal static class StorageServices
{
    public static ISiloBuilder AddCraftCXStorage(this ISiloBuilder silo, StorageOptions? options = null, EncryptionOptions? encryption = null)
    {
        options ??= new StorageOptions();
        encryption ??= new EncryptionOptions();
        if (options.Provider == StorageProvider.Postgres)
        {
            var connectionString = PostgresConnection.Require(options);
            foreach (var name in new[] { StorageNames.Aggregates, StorageNames.Tenants })
            {
                silo.AddAdoNetGrainStorage(name, o => PostgresConnection.Configure(o, connectionString));
                KeepKeysAsStrings(silo, name);
            }

            // Conversations hold the personal data: sealed with the tenant's key. The wrapped keys live apart.
            silo.AddAdoNetGrainStorage(StorageNames.Conversations, o => o
                .Configure(c => PostgresConnection.Configure(c, connectionString))
                .Configure<IGrainStorageSerializer>((c, serializer) => c.GrainStorageSerializer = EncryptionServices.PayloadSerializer(serializer)));
            silo.Services.AddCraftCXSealedStorage(StorageNames.Conversations, sp => new StringKeyedGrainStorage(AdoNetGrainStorageFactory.Create(sp, StorageNames.Conversations)));
            // The key store opens before anything else of the silo, so that the key-encryption key's check (just after
            // it) stops a wrong key before listeners, membership or grains have started.
            silo.AddAdoNetGrainStorage(StorageNames.Keys, o =>
            {
                PostgresConnection.Configure(o, PostgresConnection.KeyStore(encryption, connectionString));
                o.InitStage = ServiceLifecycleStage.RuntimeInitialize;
            });
            KeepKeysAsStrings(silo, StorageNames.Keys);
            silo.Services.AddCraftCXEncryptionChecks(sealsStorage: true);
            if (!string.IsNullOrWhiteSpace(encryption.KeyVaultSecretUri))
            {
                silo.Services.AddCraftCXKeyVaultKey();
            }

            if (!string.IsNullOrWhiteSpace(encryption.KeyVaultKeyId) || encryption.OtherKeyVaultKeyIds.Count > 0)
            {
                silo.Services.AddCraftCXKeyVaultWrappingKey();
            }

            silo.Services.AddSingleton<ISealedRows>(sp => new Postgres.PostgresSealedRows(connectionString, sp.GetRequiredService<IOptions<ClusterOptions>>()));
            silo.Services.AddSingleton<IKeyRingDirectory>(sp => new Postgres.PostgresKeyRingDirectory(PostgresConnection.KeyStore(encryption, connectionString), sp.GetRequiredService<IOptions<ClusterOptions>>()));

            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = PostgresConnection.Invariant;
                o.ConnectionString = connectionString;
            });
            silo.Services.AddSingleton<ITenantStorageEraser>(sp => new Postgres.PostgresTenantStorageEraser(connectionString, sp.GetRequiredService<IOptions<ClusterOptions>>()));
            silo.Services.AddHostedService(sp => new Postgres.PostgresPoolRelease(
                sp.GetRequiredService<IHostApplicationLifetime>(),
                [connectionString, PostgresConnection.KeyStore(encryption, connectionString)]));
            silo.Services.AddHealthChecks().AddNpgSql(connectionString, name: "postgres", tags: [CraftCXApi.ReadyTag], timeout: TimeSpan.FromSeconds(3));
            return silo;
        }

        silo.AddMemoryGrainStorage(StorageNames.Conversations);
        silo.AddMemoryGrainStorage(StorageNames.Aggregates);
        silo.AddMemoryGrainStorage(StorageNames.Tenants);
        silo.AddMemoryGrainStorage(StorageNames.Keys);
        silo.Services.AddCraftCXEncryptionChecks(sealsStorage: false);
        silo.UseInMemoryReminderService();
        return silo;
    }

    // The last keyed registration is the one resolved, by the grains and by the provider's lifecycle participant.
    private static void KeepKeysAsStrings(ISiloBuilder silo, string name) =>
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new StringKeyedGrainStorage(AdoNetGrainStorageFactory.Create(sp, name)));
}
