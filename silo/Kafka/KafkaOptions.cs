using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Kafka;

/// <summary>
/// Kafka connection and topics (section "Kafka"). An empty BootstrapServers starts the embedded broker where that is
/// allowed (Development, or Kafka:EmbeddedBroker:Enabled).
/// </summary>
internal sealed class KafkaOptions
{
    public const string Section = "Kafka";

    /// <summary>host:port list; empty means "start the in-process Kafka-protocol broker" (Development only unless enabled).</summary>
    public string? BootstrapServers { get; set; }

    public string Topic { get; set; } = "chat-events";

    /// <summary>Defaults to "&lt;Topic&gt;.dlq".</summary>
    public string? DeadLetterTopic { get; set; }

    public string GroupId { get; set; } = "craftcx-ingestor";

    /// <summary>plaintext, ssl, sasl_plaintext or sasl_ssl (Azure Event Hubs: sasl_ssl).</summary>
    public string? SecurityProtocol { get; set; }

    /// <summary>PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER (Azure Event Hubs: PLAIN).</summary>
    public string? SaslMechanism { get; set; }

    /// <summary>Azure Event Hubs: "$ConnectionString".</summary>
    public string? SaslUsername { get; set; }

    /// <summary>Azure Event Hubs: the namespace connection string.</summary>
    public string? SaslPassword { get; set; }

    public string? SslCaLocation { get; set; }

    /// <summary>Consumer session timeout; a dead silo's partitions move after roughly this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Where a new consumer group starts: earliest or latest.</summary>
    public string AutoOffsetReset { get; set; } = "earliest";

    /// <summary>Any further librdkafka properties, applied to every client.</summary>
    public Dictionary<string, string> Properties { get; set; } = [];

    [ValidateObjectMembers]
    public EmbeddedBrokerOptions EmbeddedBroker { get; set; } = new();

    public string DeadLetterTopicName => string.IsNullOrWhiteSpace(DeadLetterTopic) ? Topic + ".dlq" : DeadLetterTopic;

    /// <summary>The durable log of score changes that the streaming API serves; defaults to "&lt;Topic&gt;.scores".</summary>
    public string? ScoresTopic { get; set; }

    public string ScoresTopicName => string.IsNullOrWhiteSpace(ScoresTopic) ? Topic + ".scores" : ScoresTopic;

    /// <summary>
    /// Where imports (backfill: events of the past) are written and read behind live traffic; defaults to
    /// "&lt;Topic&gt;.import".
    /// </summary>
    public string? ImportTopic { get; set; }

    public string ImportTopicName => string.IsNullOrWhiteSpace(ImportTopic) ? Topic + ".import" : ImportTopic;

    public bool UsesEmbeddedBroker => string.IsNullOrWhiteSpace(BootstrapServers);
}
