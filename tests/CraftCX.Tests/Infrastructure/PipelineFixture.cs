using CraftCX.Events;
using CraftCX.Tenants;
using System.Text;
using Confluent.Kafka;
using CraftCX.Events.Json;
using CraftCX.Silo.Hosting;
using CraftCX.Silo.Ingestion;
using CraftCX.Silo.Kafka.Embedded;
using CraftCX.Silo.LiveBroadcast;
using CraftCX.Silo.ScoreLog;
using CraftCX.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;

namespace CraftCX.Tests.Infrastructure;

/// <summary>
/// A real Kafka-protocol broker (librdkafka's mock on loopback) and an Orleans TestingHost cluster whose silos
/// run the production ingestion: what a test produces with a Kafka client goes the whole way.
/// </summary>
public class PipelineFixture : IAsyncLifetime
{
    public const string Topic = "chat-events";
    public const string DeadLetterTopic = "chat-events.dlq";

    private IProducer<byte[]?, byte[]>? _producer;

    protected virtual short Silos => 1;

    /// <summary>Configuration a derived fixture adds or overrides.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    internal MockKafkaCluster Broker { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public string BootstrapServers => Broker.BootstrapServers;

    public async Task InitializeAsync()
    {
        Broker = MockKafkaCluster.Start();
        Broker.CreateTopic(Topic, 8);
        Broker.CreateTopic(DeadLetterTopic, 1);
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = Broker.BootstrapServers,
            ["Kafka:Topic"] = Topic,
            ["Kafka:GroupId"] = "craftcx-test",
            ["Kafka:SessionTimeout"] = "00:00:06",
            ["Ingestion:SummaryInterval"] = "00:00:00",
            ["Ingestion:DrainTimeout"] = "00:00:10",
            ["Aggregation:FlushInterval"] = "00:00:00.050",
            ["Privacy:IndexKey"] = RunningSilo.PrivacyIndexKey,
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        var builder = new InProcessTestClusterBuilder(Silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(settings);
            host.Services.AddCraftCXGrainServices(host.Configuration);
            host.Services.AddCraftCXIngestion(host.Configuration);
            host.Services.AddCraftCXScoreLog(host.Configuration);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddCraftCXStorage();
            silo.AddCraftCXStreaming(new Silo.LiveBroadcast.StreamingOptions(), new Silo.Storage.StorageOptions());
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        _producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = Broker.BootstrapServers, LingerMs = 2 }).Build();
    }

    public async Task DisposeAsync()
    {
        _producer?.Dispose();
        await Cluster.DisposeAsync();
        Broker.Dispose();
    }

    public IEnumerable<IServiceProvider> SiloServices => Cluster.Silos.Select(s => s.ServiceProvider);

    /// <summary>Events completed (applied and aggregated, or dead-lettered) over all silos.</summary>
    public long Completed => SiloServices.Sum(sp => sp.GetRequiredService<IngestionStats>().Completed);

    internal IngestionStats StatsOf(int silo) => Cluster.Silos[silo].ServiceProvider.GetRequiredService<IngestionStats>();

    internal KafkaIngestor IngestorOf(int silo) => Cluster.Silos[silo].ServiceProvider.GetServices<IHostedService>().OfType<KafkaIngestor>().Single();

    public long DeadLettered => SiloServices.Sum(sp => sp.GetRequiredService<IngestionStats>().DeadLettered);

    public Task<long> WaitForCompletedAsync(long atLeast, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(() => Completed, c => c >= atLeast, timeout ?? TimeSpan.FromSeconds(60), $"{atLeast} completed events");

    public async Task ProduceAsync(IEnumerable<(byte[]? Key, byte[] Value)> messages)
    {
        var deliveries = messages
            .Select(m => _producer!.ProduceAsync(Topic, new Message<byte[]?, byte[]> { Key = m.Key, Value = m.Value }))
            .ToList();
        await Task.WhenAll(deliveries);
    }

    /// <summary>Creates the events' tenants as an operator would (events of other tenants are dead-lettered), then produces them.</summary>
    public async Task ProduceAsync(IEnumerable<ChatEventDto> events)
    {
        var list = events.ToList();
        await RegisterTenantsAsync(list.Select(e => e.Tenant));
        await ProduceAsync(list.Select(e => ((byte[]?)TestEvents.KeyBytes(e), TestEvents.Json(e))));
    }

    /// <summary>Creates tenants as an operator would.</summary>
    public Task RegisterTenantsAsync(IEnumerable<string?> tenants) =>
        Task.WhenAll(tenants.OfType<string>().Where(t => IdRules.IsValidScope(t)).Distinct().Select(t => Client.GetGrain<ITenantGrain>(t).RegisterAsync()));

    /// <summary>Starts a second ingestor in a new consumer group that reads the whole topic again from offset 0.</summary>
    internal async Task<KafkaIngestor> StartReplayAsync(string groupId)
    {
        var ingestor = ActivatorUtilities.CreateInstance<KafkaIngestor>(Cluster.Silos[0].ServiceProvider, groupId);
        await ingestor.StartAsync(CancellationToken.None);
        return ingestor;
    }

    public List<ConsumeResult<byte[]?, byte[]>> ReadDeadLetters(int expected, TimeSpan timeout) =>
        DeadLetterReader.Read(Broker.BootstrapServers, DeadLetterTopic, expected, timeout);

    public static string Header(ConsumeResult<byte[]?, byte[]> result, string name) =>
        Encoding.UTF8.GetString(result.Message.Headers.GetLastBytes(name));
}
