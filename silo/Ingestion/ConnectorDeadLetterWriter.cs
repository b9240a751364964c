using System.Globalization;
using System.Text;
using Confluent.Kafka;
using CraftCX.Api.Connectors;
using CraftCX.Diagnostics;
using CraftCX.Encryption;
using CraftCX.Silo.Kafka;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Ingestion;

/// <summary>
/// Writes a helpdesk delivery that could not be mapped to the dead-letter topic, whole, with the connector and the
/// reason in its headers; the body holds end users' data, so it is sealed with the tenant's key like any dead letter.
/// </summary>
internal sealed partial class ConnectorDeadLetterWriter(
    SharedKafkaProducer producer,
    IOptions<KafkaOptions> kafka,
    IngestionStats stats,
    ITenantPayloadSealer sealer,
    TimeProvider time,
    ILogger<ConnectorDeadLetterWriter> logger) : IConnectorDeadLetters
{
    public async Task PublishAsync(ConnectorDeadLetter letter, CancellationToken cancellationToken)
    {
        var headers = new Headers
        {
            { DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(letter.Reason) },
            { DeadLetterHeaders.Detail, Encoding.UTF8.GetBytes(LogText.Safe(letter.Detail, 1024)) },
            { DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(DeadLetterHeaders.ConnectorSource) },
            { DeadLetterHeaders.Connector, Encoding.UTF8.GetBytes(letter.ConnectorId) },
            { DeadLetterHeaders.ConnectorType, Encoding.UTF8.GetBytes(letter.ConnectorType) },
            { DeadLetterHeaders.FailedAt, Encoding.UTF8.GetBytes(time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)) },
        };
        if (letter.DeliveryId is { } deliveryId)
        {
            headers.Add(DeadLetterHeaders.DeliveryId, Encoding.UTF8.GetBytes(LogText.Safe(deliveryId, 256)));
        }

        var value = letter.Body.ToArray();
        if (sealer.Seals)
        {
            value = await sealer.SealAsync(letter.Tenant, value, DeadLetterSealing.Purpose);
            headers.Add(DeadLetterHeaders.SealedFor, Encoding.UTF8.GetBytes(letter.Tenant));
        }

        var key = Encoding.UTF8.GetBytes(letter.Tenant + "/" + letter.ConnectorId);
        await producer.ProduceAsync(kafka.Value.DeadLetterTopicName, new Message<byte[]?, byte[]> { Key = key, Value = value, Headers = headers }, cancellationToken);
        stats.OnDeadLettered(letter.Reason);
        LogDeadLettered(letter.Tenant, letter.ConnectorId, LogText.Safe(letter.DeliveryId ?? "-", 128), letter.Reason, LogText.Safe(letter.Detail));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettered delivery {DeliveryId} of connector {Connector} (tenant {Tenant}): {Reason}: {Detail}")]
    private partial void LogDeadLettered(string tenant, string connector, string deliveryId, string reason, string detail);
}
