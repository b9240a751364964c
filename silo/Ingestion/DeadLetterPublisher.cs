using System.Globalization;
using System.Text;
using Confluent.Kafka;
using CraftCX.Events;
using CraftCX.Silo.Kafka;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Ingestion;

/// <summary>
/// Writes a refused event, byte for byte, to the dead-letter topic with headers that say why and where it came
/// from. It retries until the write succeeds: the source offset is committed only after that.
/// </summary>
public sealed partial class DeadLetterPublisher(
    SharedKafkaProducer producer,
    IOptions<KafkaOptions> kafka,
    IOptions<IngestionOptions> ingestion,
    IngestionStats stats,
    TimeProvider time,
    ILogger<DeadLetterPublisher> logger)
{
    public string Topic => kafka.Value.DeadLetterTopicName;

    public async Task PublishAsync(ConsumeResult<byte[]?, byte[]> source, EventRejection rejection, CancellationToken abort)
    {
        var headers = new Headers();
        if (source.Message.Headers is { } original)
        {
            foreach (var header in original)
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        headers.Add(DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(rejection.Code));
        headers.Add(DeadLetterHeaders.Detail, Encoding.UTF8.GetBytes(rejection.Detail));
        headers.Add(DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(source.Topic));
        headers.Add(DeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(source.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(source.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.SourceTimestamp, Encoding.UTF8.GetBytes(source.Message.Timestamp.UnixTimestampMs.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.FailedAt, Encoding.UTF8.GetBytes(time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));

        var message = new Message<byte[]?, byte[]>
        {
            Key = source.Message.Key,
            Value = source.Message.Value ?? [],
            Headers = headers,
        };

        var attempt = 0;
        while (true)
        {
            try
            {
                await producer.ProduceAsync(Topic, message, abort);
                break;
            }
            catch (ProduceException<byte[]?, byte[]> ex) when (!abort.IsCancellationRequested)
            {
                attempt++;
                var delay = Backoff.Delay(attempt, ingestion.Value.MaxRetryDelay);
                LogDeadLetterWriteFailed(ex, source.Topic, source.Partition.Value, source.Offset.Value, attempt, delay.TotalMilliseconds);
                await Task.Delay(delay, abort);
            }
        }

        stats.OnDeadLettered(rejection.Code);
        LogDeadLettered(source.Topic, source.Partition.Value, source.Offset.Value, rejection.Code, rejection.Detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettered {Topic}[{Partition}]@{Offset}: {Reason}: {Detail}")]
    private partial void LogDeadLettered(string topic, int partition, long offset, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Topic}[{Partition}]@{Offset} to the dead-letter topic (attempt {Attempt}); retrying in {DelayMs} ms")]
    private partial void LogDeadLetterWriteFailed(Exception exception, string topic, int partition, long offset, int attempt, double delayMs);
}
