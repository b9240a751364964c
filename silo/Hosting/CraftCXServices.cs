using CraftCX.Aggregation;
using CraftCX.Assessments;
using CraftCX.Reviews;
using CraftCX.Api;
using CraftCX.Api.Ingestion;
using CraftCX.Api.Security;
using CraftCX.Api.Streaming;
using CraftCX.Conversations;
using CraftCX.Events;
using CraftCX.Scoring;
using CraftCX.Silo.Demo;
using CraftCX.Silo.Ingestion;
using CraftCX.Silo.Kafka;
using CraftCX.Silo.Storage;
using CraftCX.Silo.Live;
using CraftCX.Live;
using System.Net;
using Orleans.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace CraftCX.Silo.Hosting;

/// <summary>The service registrations of a CraftCX silo, shared by the executable, the tests' clusters and the benchmark.</summary>
public static class CraftCXServices
{
    /// <summary>What the grains need: scorer, scorecard cache, options, clock, AI dispatcher, storage serializer.</summary>
    public static IServiceCollection AddCraftCXGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ConversationOptions>().Bind(configuration.GetSection(ConversationOptions.Section));
        services.AddOptions<ScoringOptions>().Bind(configuration.GetSection(ScoringOptions.Section));
        services.AddOptions<AggregationOptions>().Bind(configuration.GetSection(AggregationOptions.Section));
        services.AddSingleton<SiloStopping>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloStopping>());

        // Conversations hand their AI requests to it; it only runs them when the assessor is configured.
        services.AddSingleton<AssessmentRunner>();
        services.AddSingleton(sp => new AssessmentDispatcher(
            conversation => sp.GetRequiredService<AssessmentRunner>().RunAsync(conversation),
            sp.GetRequiredService<IOptions<AiOptions>>().Value.MaxConcurrency,
            sp.GetRequiredService<SiloStopping>().Token,
            sp.GetRequiredService<ILogger<AssessmentDispatcher>>()));
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewOptions.Section));
        services.AddSingleton(_ => RuleScorer.CreateDefault());
        services.AddSingleton<ScorecardCache>();
        services.TryAddSingleton<IScoreChangeLog, NoScoreChangeLog>();

        // Orleans' own versioned binary format with [Id]/[Alias] attributes instead of the default
        // Newtonsoft JSON with .NET type names: faster, and renaming a state class keeps its rows readable.
        services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        return services;
    }

    /// <summary>Grain storage for every provider the grains use, and the reminder service: memory or PostgreSQL.</summary>
    public static ISiloBuilder AddCraftCXStorage(this ISiloBuilder silo, StorageOptions? options = null)
    {
        options ??= new StorageOptions();
        if (options.Provider == StorageProvider.Postgres)
        {
            var connectionString = RequireConnectionString(options);
            foreach (var name in new[] { StorageNames.Conversations, StorageNames.Aggregates, StorageNames.Tenants })
            {
                silo.AddAdoNetGrainStorage(name, o =>
                {
                    o.Invariant = PostgresInvariant;
                    o.ConnectionString = connectionString;
                });
            }

            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = PostgresInvariant;
                o.ConnectionString = connectionString;
            });
            return silo;
        }

        silo.AddMemoryGrainStorage(StorageNames.Conversations);
        silo.AddMemoryGrainStorage(StorageNames.Aggregates);
        silo.AddMemoryGrainStorage(StorageNames.Tenants);
        silo.UseInMemoryReminderService();
        return silo;
    }

    /// <summary>
    /// The live stream provider (memory streams by default, Azure Event Hubs when configured) and the pub-sub
    /// store it needs, on the same storage as the grains.
    /// </summary>
    public static ISiloBuilder AddCraftCXStreaming(this ISiloBuilder silo, StreamingOptions streaming, StorageOptions storage)
    {
        if (storage.Provider == StorageProvider.Postgres)
        {
            var connectionString = RequireConnectionString(storage);
            silo.AddAdoNetGrainStorage("PubSubStore", o =>
            {
                o.Invariant = PostgresInvariant;
                o.ConnectionString = connectionString;
            });
        }
        else
        {
            silo.AddMemoryGrainStorage("PubSubStore");
        }

        if (string.Equals(streaming.Provider, "EventHubs", StringComparison.OrdinalIgnoreCase))
        {
            var eventHubs = streaming.EventHubs;
            if (string.IsNullOrWhiteSpace(eventHubs.ConnectionString) || string.IsNullOrWhiteSpace(eventHubs.CheckpointConnectionString))
            {
                throw new InvalidOperationException("Streaming:Provider is EventHubs: set Streaming:EventHubs:ConnectionString and Streaming:EventHubs:CheckpointConnectionString.");
            }

            silo.AddEventHubStreams(
                LiveStreams.Provider,
                o => o.ConfigureEventHubConnection(eventHubs.ConnectionString, eventHubs.EventHubName, eventHubs.ConsumerGroup),
                o => o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(eventHubs.CheckpointConnectionString));
            return silo;
        }

        // The pulling agents poll their queues every 100 ms by default: too slow for a live dashboard.
        silo.AddMemoryStreams(LiveStreams.Provider, b => b.ConfigurePullingAgent(o => o.Configure(p => p.GetQueueMsgsTimerPeriod = streaming.PollInterval)));
        return silo;
    }

    /// <summary>Cluster membership: a localhost cluster of one for Memory, the PostgreSQL membership table for Postgres.</summary>
    public static ISiloBuilder AddCraftCXClustering(this ISiloBuilder silo, StorageOptions storage, OrleansOptions orleans)
    {
        if (storage.Provider == StorageProvider.Postgres)
        {
            var connectionString = RequireConnectionString(storage);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = PostgresInvariant;
                o.ConnectionString = connectionString;
            });
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = orleans.ClusterId;
                o.ServiceId = orleans.ServiceId;
            });
            silo.ConfigureEndpoints(
                IPAddress.Parse(orleans.AdvertisedIPAddress),
                orleans.SiloPort,
                orleans.GatewayPort,
                listenOnAnyHostAddress: orleans.ListenOnAnyHostAddress);
            return silo;
        }

        silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
        silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
        return silo;
    }

    public const string PostgresInvariant = "Npgsql";

    private static string RequireConnectionString(StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? throw new InvalidOperationException("Storage:Provider is Postgres but Storage:ConnectionString is empty; set it (for example Host=localhost;Port=5432;Database=craftcx;Username=craftcx;Password=...).")
            : options.ConnectionString;

    /// <summary>Kafka clients, the ingestor and its health check, and the HTTP ingress onto the same topic.</summary>
    public static IServiceCollection AddCraftCXIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<KafkaOptions>().Bind(configuration.GetSection(KafkaOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.Section));
        services.AddSingleton<KafkaBootstrap>();
        services.AddSingleton<KafkaClientConfigs>();
        services.AddSingleton<SharedKafkaProducer>();
        services.AddSingleton(sp => new ChatEventParser(sp.GetRequiredService<IOptions<IngestionOptions>>().Value.Contract, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IngestionStats>();
        services.AddSingleton<DeadLetterPublisher>();
        services.AddSingleton<IEventIngress, KafkaEventIngress>();
        services.AddSingleton<IScoreChangeLog, KafkaScoreChangeLog>();
        services.AddSingleton<ScoreLogTail>();
        services.AddSingleton<IScoreStreamSource, KafkaScoreStreamSource>();
        if (configuration.GetSection(IngestionOptions.Section).GetValue(nameof(IngestionOptions.Enabled), true))
        {
            services.AddHostedService(sp => ActivatorUtilities.CreateInstance<KafkaIngestor>(sp));
        }

        services.AddHostedService<IngestionSummaryLogger>();
        var health = services.AddHealthChecks()
            .AddCheck<IngestionHealthCheck>("kafka-ingestor", tags: [CraftCXApi.ReadyTag])
            .AddCheck<SiloHealthCheck>("orleans-silo", tags: [CraftCXApi.ReadyTag]);
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.Provider == StorageProvider.Postgres && !string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            health.AddNpgSql(storage.ConnectionString, name: "postgres", tags: [CraftCXApi.ReadyTag], timeout: TimeSpan.FromSeconds(3));
        }

        return services;
    }

    /// <summary>The demo producer, when enabled (section "Demo"), and the demo tenant's key (Auth:DemoTenant).</summary>
    public static IServiceCollection AddCraftCXDemo(this IServiceCollection services, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Auth:DemoTenant"]))
        {
            // A demo without a configured operator key gets a random one for this run, shown once in the log.
            var generated = new GeneratedOperatorKey();
            services.AddSingleton(generated);
            services.PostConfigure<AuthOptions>(o => o.OperatorKey = generated.Resolve(o.OperatorKey));
            services.AddHostedService<DemoAccessBootstrapper>();
        }

        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section));
        if (configuration.GetSection(DemoOptions.Section).GetValue(nameof(DemoOptions.Enabled), false))
        {
            services.AddHostedService<DemoProducer>();
        }

        return services;
    }
}
