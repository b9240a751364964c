using CraftCX.Silo.Kafka.Embedded;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Kafka;

/// <summary>
/// Knows where the brokers are: the configured servers, or an embedded broker started on first use (with the
/// events and dead-letter topics created, since the mock does not accept the Admin API).
/// </summary>
public sealed partial class KafkaBootstrap(IOptions<KafkaOptions> options, ILogger<KafkaBootstrap> logger) : IDisposable
{
    private readonly object _lock = new();
    private MockKafkaCluster? _embedded;
    private string? _servers;

    /// <summary>The embedded broker, when this process runs one (for fault injection in tests).</summary>
    public MockKafkaCluster? Embedded => _embedded;

    public string BootstrapServers
    {
        get
        {
            lock (_lock)
            {
                return _servers ??= Resolve();
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _embedded?.Dispose();
            _embedded = null;
        }
    }

    private string Resolve()
    {
        var kafka = options.Value;
        if (!kafka.UsesEmbeddedBroker)
        {
            return kafka.BootstrapServers!;
        }

        _embedded = MockKafkaCluster.Start();
        _embedded.CreateTopic(kafka.Topic, kafka.EmbeddedBroker.Partitions);
        _embedded.CreateTopic(kafka.DeadLetterTopicName, kafka.EmbeddedBroker.DeadLetterPartitions);
        _embedded.CreateTopic(kafka.ScoresTopicName, kafka.EmbeddedBroker.ScoresPartitions);
        LogEmbedded(_embedded.BootstrapServers, kafka.Topic, kafka.EmbeddedBroker.Partitions, kafka.DeadLetterTopicName);
        return _embedded.BootstrapServers;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded Kafka-protocol broker on {Bootstrap} (topic {Topic} with {Partitions} partitions, dead letters in {DeadLetterTopic}). Any Kafka client can produce to it, e.g.: kcat -P -b {Bootstrap} -t {Topic} -K '|'")]
    private partial void LogEmbedded(string bootstrap, string topic, int partitions, string deadLetterTopic);
}
