using System.Net;
using System.Text.Json;
using Confluent.Kafka;
using CraftCX.Events.Json;
using CraftCX.Silo.Kafka.Embedded;

namespace CraftCX.Tests.Cluster;

/// <summary>PostgreSQL or Kafka going away for a while: ingestion pauses without committing, says why, and resumes without loss.</summary>
[Collection(HeavyCollection.Name)]
public sealed class FaultToleranceTests(PostgresServer postgres)
{
    private const string Topic = "chat-events";
    private const int Partitions = 4;

    [Fact]
    public async Task A_postgres_outage_pauses_ingestion_without_commits_and_it_resumes_without_loss()
    {
        var connectionString = await postgres.CreateDatabaseAsync("outage");
        using var broker = StartBroker();
        const string tenant = "t-pg-outage";
        var events = TestWorkload.Build(tenant, conversations: 40, seed: 31);
        var firstHalf = events.Take(events.Count / 2).ToList();
        var secondHalf = events.Skip(events.Count / 2).ToList();
        await using var silo = await RunningSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString,
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["Kafka:GroupId"] = "outage",
            ["Ingestion:MaxRetryDelay"] = "00:00:01",
            ["Orleans:ClusterId"] = "outage",
        }, migrate: true);

        await RegisterAsync(silo, firstHalf);
        await ProduceAsync(broker, firstHalf);
        await Eventually.ReturnsAsync(() => Lag(broker, "outage"), lag => lag == 0, TimeSpan.FromSeconds(60), "the first half to be applied");

        await postgres.StopAsync();
        try
        {
            await ProduceAsync(broker, secondHalf);
            var health = await Eventually.ReturnsAsync(() => silo.Http.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), "readiness to fail");
            var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
            var check = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "postgres");
            Assert.Equal("Unhealthy", check.GetProperty("status").GetString());

            // Nothing past the outage may be committed: the second half is neither lost nor half-applied.
            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.Equal(secondHalf.Count, Lag(broker, "outage"));
            Assert.True(silo.Stats.InFlight > 0);
        }
        finally
        {
            await postgres.StartAsync();
        }

        await Eventually.ReturnsAsync(() => Lag(broker, "outage"), lag => lag == 0, TimeSpan.FromSeconds(120), "ingestion to resume after the outage");
        await Eventually.ReturnsAsync(async () => (await silo.Http.GetAsync("/health/ready")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "readiness to recover");
        await GroundTruth.From(events).AssertGrainsMatchAsync(silo.Grains, tenant);
    }

    [Fact]
    public async Task Kafka_down_at_start_and_mid_run_is_retried_without_a_crash_loop_or_loss()
    {
        using var broker = StartBroker();
        broker.SetBrokerDown();
        const string tenant = "t-kafka-outage";
        var events = TestWorkload.Build(tenant, conversations: 30, seed: 32);
        await using var silo = await RunningSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["Kafka:GroupId"] = "kafka-outage",
        });

        var health = await Eventually.ReturnsAsync(() => silo.Http.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), "readiness to report Kafka down");
        Assert.Contains("unreachable", await health.Content.ReadAsStringAsync());
        Assert.True(silo.Stats.ConsumerRunning, "the consumer keeps retrying instead of crashing");

        broker.SetBrokerUp();
        await RegisterAsync(silo, events);
        await ProduceAsync(broker, events.Take(events.Count / 2).ToList());
        await Eventually.ReturnsAsync(() => silo.Stats.Completed, c => c >= events.Count / 2, TimeSpan.FromSeconds(60), "the first half to be applied");

        broker.SetBrokerDown();
        var producing = ProduceAsync(broker, events.Skip(events.Count / 2).ToList());
        await Task.Delay(TimeSpan.FromSeconds(4));
        broker.SetBrokerUp();
        await producing;

        await Eventually.ReturnsAsync(() => silo.Stats.Completed, c => c >= events.Count, TimeSpan.FromSeconds(90), "every event to be applied after the outage");
        await GroundTruth.From(events).AssertGrainsMatchAsync(silo.Grains, tenant);
        await Eventually.ReturnsAsync(() => Lag(broker, "kafka-outage"), lag => lag == 0, TimeSpan.FromSeconds(30), "offsets to be committed to the end");
    }

    private static MockKafkaCluster StartBroker()
    {
        var broker = MockKafkaCluster.Start();
        broker.CreateTopic(Topic, Partitions);
        broker.CreateTopic(Topic + ".dlq", 1);
        return broker;
    }

    private static long Lag(MockKafkaCluster broker, string group) => ConsumerGroupLag.Measure(broker.BootstrapServers, Topic, Partitions, group);

    // An operator created the tenants; events of any other tenant would be dead-lettered.
    private static Task RegisterAsync(RunningSilo silo, IEnumerable<ChatEventDto> events) =>
        Task.WhenAll(events.Select(e => e.Tenant!).Distinct().Select(t => silo.Grains.GetGrain<CraftCX.Tenants.ITenantGrain>(t).RegisterAsync()));

    private static async Task ProduceAsync(MockKafkaCluster broker, IReadOnlyList<ChatEventDto> events)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            EnableIdempotence = true,
            MessageTimeoutMs = 120_000,
        }).Build();
        await Task.WhenAll(events.Select(e => producer.ProduceAsync(Topic, new Message<byte[]?, byte[]> { Key = TestEvents.KeyBytes(e), Value = TestEvents.Json(e) })));
    }
}
