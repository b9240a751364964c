using Confluent.Kafka;
using CraftCX.Events.Json;
using CraftCX.Silo.Hosting;
using CraftCX.Silo.Kafka.Embedded;
using CraftCX.Silo.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;

namespace CraftCX.Tests.Infrastructure;

/// <summary>
/// Everything a cluster test needs: a migrated PostgreSQL database, a Kafka-protocol broker, silo processes
/// configured for both, an Orleans client to read the grains, and a producer.
/// </summary>
public sealed class ClusterRig : IAsyncDisposable
{
    public const string Topic = "chat-events";
    public const int Partitions = 12;

    private readonly List<SiloProcess> _silos = [];
    private readonly string _clusterId = "cluster-" + Guid.NewGuid().ToString("N")[..8];
    private IHost? _client;

    private ClusterRig(PostgresServer postgres, string connectionString, MockKafkaCluster broker)
    {
        Postgres = postgres;
        ConnectionString = connectionString;
        Broker = broker;
    }

    public PostgresServer Postgres { get; }

    public string ConnectionString { get; }

    internal MockKafkaCluster Broker { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public string GroupId { get; set; } = "craftcx-cluster";

    public static async Task<ClusterRig> CreateAsync(PostgresServer postgres, string name)
    {
        var connectionString = await postgres.CreateDatabaseAsync(name);
        await new PostgresSchemaMigrator(NullLogger<PostgresSchemaMigrator>.Instance).MigrateAsync(connectionString);
        var broker = MockKafkaCluster.Start();
        broker.CreateTopic(Topic, Partitions);
        broker.CreateTopic(Topic + ".dlq", 1);
        return new ClusterRig(postgres, connectionString, broker);
    }

    public Dictionary<string, string> Environment => new()
    {
        ["Storage__Provider"] = "Postgres",
        ["Storage__ConnectionString"] = ConnectionString,
        ["Kafka__BootstrapServers"] = Broker.BootstrapServers,
        ["Kafka__Topic"] = Topic,
        ["Kafka__GroupId"] = GroupId,
        ["Kafka__SessionTimeout"] = "00:00:06",
        ["Orleans__ClusterId"] = _clusterId,
        ["Orleans__ServiceId"] = "craftcx-test",
        ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
        ["Orleans__Membership__NumMissedProbesLimit"] = "2",
        ["Orleans__Membership__NumVotesForDeathDeclaration"] = "1",
        ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
        ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
        ["Demo__Enabled"] = "false",
        ["Auth__TokenSigningKey"] = RunningSilo.TokenSigningKey,
        ["Auth__OperatorKey"] = RunningSilo.OperatorKey,
        ["Privacy__IndexKey"] = RunningSilo.PrivacyIndexKey,
        ["Encryption__KeyEncryptionKey"] = RunningSilo.KeyEncryptionKey,
        ["Ingestion__SummaryInterval"] = "00:00:02",
        ["Ingestion__DrainTimeout"] = "00:00:15",
        ["Ingestion__MaxRetryDelay"] = "00:00:02",
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__Orleans"] = "Warning",
        ["Logging__LogLevel__Polly"] = "Warning",
        ["Logging__LogLevel__CraftCX.Conversations.ConversationGrain"] = "Warning",
        ["DOTNET_gcServer"] = "0",
    };

    public async Task<IReadOnlyList<SiloProcess>> StartSilosAsync(int count, string prefix = "silo")
    {
        var started = Enumerable.Range(0, count).Select(i => SiloProcess.Start($"{prefix}{_silos.Count + i + 1}", Environment)).ToList();
        _silos.AddRange(started);
        await Task.WhenAll(started.Select(s => s.WaitReadyAsync()));
        return started;
    }

    /// <summary>A fresh client for the silos that run now, tried until a call goes through (the gateway list may still name stopped silos).</summary>
    public async Task<IClusterClient> ClientAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
            _client = null;
        }

        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.UseOrleansClient(client =>
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = Silo.Storage.PostgresConnection.Invariant;
                    o.ConnectionString = ConnectionString;
                });
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = _clusterId;
                    o.ServiceId = "craftcx-test";
                });
            });
            _client = builder.Build();
            await _client.StartAsync();
        }

        var client = _client.Services.GetRequiredService<IClusterClient>();
        await Eventually.ReturnsAsync(
            async () =>
            {
                try
                {
                    await client.GetGrain<CraftCX.Tenants.ITenantGrain>("probe").GetScorecardAsync();
                    return true;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    return false;
                }
            },
            ok => ok,
            TimeSpan.FromSeconds(60),
            "the cluster client to reach a silo");
        return client;
    }

    /// <summary>Creates tenants as an operator would, through the first silo that answers.</summary>
    public async Task RegisterTenantsAsync(IEnumerable<string> tenants)
    {
        foreach (var tenant in tenants.Distinct())
        {
            await Eventually.ReturnsAsync(
                async () =>
                {
                    foreach (var silo in _silos)
                    {
                        try
                        {
                            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/tenants/{tenant}");
                            request.Headers.Add("X-Operator-Key", RunningSilo.OperatorKey);
                            if ((await silo.Http.SendAsync(request)).IsSuccessStatusCode)
                            {
                                return true;
                            }
                        }
                        catch (HttpRequestException)
                        {
                            // Stopped or not up yet: the next one.
                        }
                    }

                    return false;
                },
                ok => ok,
                TimeSpan.FromSeconds(60),
                $"tenant {tenant} created");
        }
    }

    /// <summary>Produces at a steady rate, so that faults can hit the middle of the stream; creates the events' tenants first.</summary>
    public async Task ProduceAsync(IReadOnlyList<ChatEventDto> events, int perSecond, CancellationToken cancellationToken = default)
    {
        await RegisterTenantsAsync(events.Select(e => e.Tenant!));
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = Broker.BootstrapServers,
            LingerMs = 5,
            EnableIdempotence = true,
            MessageTimeoutMs = 300_000,
        }).Build();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < events.Count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > clock.Elapsed + TimeSpan.FromMilliseconds(5))
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            while (true)
            {
                try
                {
                    producer.Produce(Topic, new Message<byte[]?, byte[]> { Key = TestEvents.KeyBytes(events[i]), Value = TestEvents.Json(events[i]) });
                    break;
                }
                catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(5));
    }

    public long Lag(string? groupId = null) => ConsumerGroupLag.Measure(Broker.BootstrapServers, Topic, Partitions, groupId ?? GroupId);

    public Task WaitForNoLagAsync(TimeSpan timeout, string? groupId = null) =>
        Eventually.ReturnsAsync(() => Lag(groupId), lag => lag == 0, timeout, "every partition to be committed to its end");

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        Broker.Dispose();
    }
}
