using CraftCX.Api;
using CraftCX.Api.Security;
using CraftCX.Encryption;
using CraftCX.Serialization;
using CraftCX.Silo.Assessments;
#if CRAFTCX_EMBEDDED
using CraftCX.Silo.Demo;
using CraftCX.Silo.Kafka.Embedded;
#endif
using CraftCX.Silo.Ingestion;
using CraftCX.Silo.ScoreLog;
using CraftCX.Silo.LiveBroadcast;
using CraftCX.Silo.Storage;
using CraftCX.Silo.Storage.Postgres;
using CraftCX.Silo.Telemetry;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace CraftCX.Silo.Hosting;

/// <summary>Builds the whole CraftCX process: Orleans silo, ingestion, demo and the HTTP API on one host.</summary>
internal static class CraftCXSiloHost
{
    /// <summary>Where the Orleans Dashboard is served when Orleans:Dashboard is on (/dashboard is CraftCX's own).</summary>
    public const string OrleansDashboardPath = "/orleans";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var configuration = builder.Configuration;
        var (orleans, storage, streaming) = EagerSettings.Read(configuration);

        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
        builder.UseOrleans(silo =>
        {
            silo.AddCraftCXClustering(storage, orleans);
            silo.AddCraftCXStorage(storage, configuration.GetSection(EncryptionOptions.Section).Get<EncryptionOptions>());
            silo.AddCraftCXStreaming(streaming, storage);
            // Scores travel and are stored as immutable arrays: written and read without copying them.
            silo.Services.AddImmutableArraysWithoutCopies();
            // GetGrain reads an interface's attributes on every call unless their answer is kept.
            silo.Services.AddCachedGrainInterfaceTypes();
            silo.Services.AddOptions<ClusterMembershipOptions>().Bind(configuration.GetSection(OrleansOptions.Section + ":Membership"));

            // Grain calls carry the caller's span, so that an event's trace goes on into its grains.
            silo.AddActivityPropagation();
            if (orleans.Dashboard)
            {
                silo.AddDashboard();
            }
        });

        // Registered after the silo so that they start after it and stop before it.
        builder.Services.AddCraftCXGrainServices(configuration);
        builder.Services.AddCraftCXAssessments(configuration);
        builder.Services.AddCraftCXIngestion(configuration);
        builder.Services.AddCraftCXScoreLog(configuration);
#if CRAFTCX_EMBEDDED
        // The embedded default's parts; a production build (-p:CraftCXEmbedded=false) leaves them out.
        builder.Services.AddCraftCXEmbeddedKafka();
        builder.Services.AddCraftCXDemo(configuration);
#endif
        builder.Services.AddCraftCXApi(configuration);
        builder.Services.AddCraftCXTelemetry(configuration);

        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("orleans-silo", tags: [CraftCXApi.ReadyTag]);
        builder.Services.AddSingleton<PostgresSchemaMigrator>();

        var app = builder.Build();
        app.UseCraftCXApi();
        app.MapCraftCXMetrics();
        if (orleans.Dashboard)
        {
            app.MapOrleansDashboard(OrleansDashboardPath).RequireOperatorLogin();
        }
        return app;
    }

    /// <summary>
    /// Applies the PostgreSQL schema when asked (--migrate, --migrate-only or Storage:MigrateOnStart); must run
    /// before the silo starts, because the ADO.NET providers read their queries at start.
    /// </summary>
    public static async Task MigrateIfRequestedAsync(WebApplication app, bool requested, CancellationToken cancellationToken = default)
    {
        var storage = app.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (!requested && !storage.MigrateOnStart)
        {
            return;
        }

        if (storage.Provider != StorageProvider.Postgres || string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            throw new InvalidOperationException("Migration needs Storage:Provider=Postgres and Storage:ConnectionString.");
        }

        // The string the silo's pools use, so that the pool release at stop closes the migration's connections too.
        var connectionString = PostgresConnection.Require(storage);
        var migrator = app.Services.GetRequiredService<PostgresSchemaMigrator>();
        await migrator.MigrateAsync(connectionString, cancellationToken);
        var keyStore = PostgresConnection.KeyStore(app.Configuration.GetSection(EncryptionOptions.Section).Get<EncryptionOptions>() ?? new EncryptionOptions(), connectionString);
        if (keyStore != connectionString)
        {
            await migrator.MigrateAsync(keyStore, cancellationToken);
        }
    }
}
