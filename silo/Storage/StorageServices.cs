using CraftCX.Api;
using CraftCX.Tenants;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CraftCX.Silo.Storage;

/// <summary>Grain storage for every provider the grains use, and the reminder service: memory or PostgreSQL.</summary>
internal static class StorageServices
{
    public static ISiloBuilder AddCraftCXStorage(this ISiloBuilder silo, StorageOptions? options = null)
    {
        options ??= new StorageOptions();
        if (options.Provider == StorageProvider.Postgres)
        {
            var connectionString = PostgresConnection.Require(options);
            foreach (var name in new[] { StorageNames.Conversations, StorageNames.Aggregates, StorageNames.Tenants })
            {
                silo.AddAdoNetGrainStorage(name, o => PostgresConnection.Configure(o, connectionString));
            }

            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = PostgresConnection.Invariant;
                o.ConnectionString = connectionString;
            });
            silo.Services.AddSingleton<ITenantStorageEraser>(sp => new Postgres.PostgresTenantStorageEraser(connectionString, sp.GetRequiredService<IOptions<ClusterOptions>>()));
            silo.Services.AddHealthChecks().AddNpgSql(connectionString, name: "postgres", tags: [CraftCXApi.ReadyTag], timeout: TimeSpan.FromSeconds(3));
            return silo;
        }

        silo.AddMemoryGrainStorage(StorageNames.Conversations);
        silo.AddMemoryGrainStorage(StorageNames.Aggregates);
        silo.AddMemoryGrainStorage(StorageNames.Tenants);
        silo.UseInMemoryReminderService();
        return silo;
    }
}
