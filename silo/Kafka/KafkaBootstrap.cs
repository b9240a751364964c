using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Kafka;

/// <summary>
/// Knows where the brokers are: the configured servers, or an embedded broker started on first use (with the
/// events and dead-letter topics created, since the mock does not accept the Admin API).
/// </summary>
internal sealed partial class KafkaBootstrap(IOptions<KafkaOptions> options, ILogger<KafkaBootstrap> logger, IEmbeddedKafka? embeddedKafka = null) : IDisposable
{
    private readonly object _lock = new();
    private IDisposable? _embedded;
    private string? _servers;

    /// <summary>The embedded broker, when this process runs one.</summary>
    public IDisposable? Embedded => _embedded;

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

        if (embeddedKafka is null)
        {
            throw new InvalidOperationException("Kafka:BootstrapServers is empty and this build has no embedded broker (built with CraftCXEmbedded=false); set Kafka:BootstrapServers.");
        }

        var (servers, broker) = embeddedKafka.Start(kafka);
        _embedded = broker;
        LogEmbedded(servers, kafka.Topic, kafka.EmbeddedBroker.Partitions, kafka.DeadLetterTopicName);
        return servers;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded Kafka-protocol broker on {Bootstrap} (topic {Topic} with {Partitions} partitions, dead letters in {DeadLetterTopic}). Any Kafka client can produce to it, e.g.: kcat -P -b {Bootstrap} -t {Topic} -K '|'")]
    private partial void LogEmbedded(string bootstrap, string topic, int partitions, string deadLetterTopic);
}
