using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Kafka;

/// <summary>Builds Confluent.Kafka client configurations from <see cref="KafkaOptions"/>: one place for security settings.</summary>
internal sealed class KafkaClientConfigs(IOptions<KafkaOptions> options, KafkaBootstrap bootstrap)
{
    public KafkaOptions Options => options.Value;

    public ProducerConfig Producer(string clientId) => Apply(new ProducerConfig
    {
        ClientId = clientId,
        Acks = Acks.All,
        EnableIdempotence = true,
        LingerMs = 5,
        MessageSendMaxRetries = int.MaxValue,
        // A write not delivered in 30 s fails back to its caller, who retries (dead letters) or answers 503 (HTTP).
        MessageTimeoutMs = 30_000,
    });

    public ConsumerConfig Consumer(string groupId, string clientId) => Apply(new ConsumerConfig
    {
        GroupId = groupId,
        ClientId = clientId,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = string.Equals(options.Value.AutoOffsetReset, "latest", StringComparison.OrdinalIgnoreCase)
            ? AutoOffsetReset.Latest
            : AutoOffsetReset.Earliest,
        SessionTimeoutMs = (int)options.Value.SessionTimeout.TotalMilliseconds,
        HeartbeatIntervalMs = Math.Max(500, (int)options.Value.SessionTimeout.TotalMilliseconds / 5),
        EnablePartitionEof = false,
        // Low latency when the topic is quiet; under load fetches fill up long before this.
        FetchWaitMaxMs = 10,
    });

    private T Apply<T>(T config)
        where T : ClientConfig
    {
        var kafka = options.Value;
        config.BootstrapServers = bootstrap.BootstrapServers;
        if (!string.IsNullOrWhiteSpace(kafka.SecurityProtocol))
        {
            config.Set("security.protocol", kafka.SecurityProtocol);
        }

        if (!string.IsNullOrWhiteSpace(kafka.SaslMechanism))
        {
            config.Set("sasl.mechanism", kafka.SaslMechanism);
        }

        if (!string.IsNullOrWhiteSpace(kafka.SaslUsername))
        {
            config.SaslUsername = kafka.SaslUsername;
        }

        if (!string.IsNullOrWhiteSpace(kafka.SaslPassword))
        {
            config.SaslPassword = kafka.SaslPassword;
        }

        if (!string.IsNullOrWhiteSpace(kafka.SslCaLocation))
        {
            config.SslCaLocation = kafka.SslCaLocation;
        }

        foreach (var (name, value) in kafka.Properties)
        {
            config.Set(name, value);
        }

        return config;
    }
}
