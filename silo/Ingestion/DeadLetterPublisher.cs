using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;
using CraftCX.Diagnostics;
using CraftCX.Encryption;
using CraftCX.Events;
using CraftCX.Silo.Kafka;
using Microsoft.Extensions.Options;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace CraftCX.Silo.Ingestion;

/// <summary>
/// Writes a refused event to the dead-letter topic with headers that say why and where it came from. It retries
/// while the broker is unreachable (the source offset is committed only after the write), but never blocks on a
/// record the topic cannot take: one too large is stored as a bounded prefix with its size and SHA-256. The original
/// bytes can hold personal data: when the event's tenant exists they are sealed with its data key (so shredding the
/// tenant reaches the topic too) and only an operator route opens them.
/// </summary>
internal sealed partial class DeadLetterPublisher(
    SharedKafkaProducer producer,
    IOptions<KafkaOptions> kafka,
    IOptions<IngestionOptions> ingestion,
    IngestionStats stats,
    ITenantPayloadSealer sealer,
    TimeProvider time,
    ILogger<DeadLetterPublisher> logger)
{
    /// <summary>What is kept of a record too large for the dead-letter topic (well under librdkafka's 1 MB default).</summary>
    public const int TruncatedValueBytes = 64 * 1024;

    public string Topic => kafka.Value.DeadLetterTopicName;

    /// <param name="tenant">The event's tenant when it exists, so the value is sealed with its key; null keeps it as it came.</param>
    /// <param name="eventId">The event's id when it parsed, named in the log line (the event itself never is).</param>
    public async Task PublishAsync(ConsumeResult<byte[]?, byte[]> source, EventRejection rejection, string? tenant, string? eventId, CancellationToken abort)
    {
        var keptBytes = int.MaxValue;
        var attempt = 0;
        while (true)
        {
            try
            {
                var message = Compose(source, rejection, keptBytes, sealing: tenant is not null && sealer.Seals);
                if (await SealAsync(message, tenant, source, abort) == Sealing.Dropped)
                {
                    return;
                }

                await producer.ProduceAsync(Topic, message, abort);
                break;
            }
            catch (ProduceException<byte[]?, byte[]> ex) when (IsTooLarge(ex.Error.Code))
            {
                // Retrying cannot help: keep what fits (a prefix, then only the headers) and move on, so the
                // partition's commits are never blocked by one record.
                if (keptBytes == 0)
                {
                    // Not in the topic, so not counted as dead-lettered; its offset still moves on.
                    LogNotStored(source.Topic, source.Partition.Value, source.Offset.Value, rejection.Code);
                    return;
                }

                keptBytes = keptBytes == int.MaxValue ? TruncatedValueBytes : 0;
                LogTooLarge(source.Topic, source.Partition.Value, source.Offset.Value, source.Message.Value?.Length ?? 0, keptBytes);
            }
            catch (ProduceException<byte[]?, byte[]> ex) when (!abort.IsCancellationRequested && !IsTooLarge(ex.Error.Code))
            {
                attempt++;
                var delay = Backoff.Delay(attempt, ingestion.Value.MaxRetryDelay);
                LogDeadLetterWriteFailed(ex, source.Topic, source.Partition.Value, source.Offset.Value, attempt, delay.TotalMilliseconds);
                await Task.Delay(delay, abort);
            }
        }

        stats.OnDeadLettered(rejection.Code);
        LogDeadLettered(source.Topic, source.Partition.Value, source.Offset.Value, LogText.Safe(eventId ?? "-", 128), rejection.Code, LogText.Safe(rejection.Detail));
    }

    private Message<byte[]?, byte[]> Compose(ConsumeResult<byte[]?, byte[]> source, EventRejection rejection, int keptBytes, bool sealing)
    {
        var value = source.Message.Value ?? [];

        // Once the full record was refused, what is kept is cut: value, original headers and key alike.
        var truncated = keptBytes != int.MaxValue;
        var headers = new Headers();
        if (!truncated && source.Message.Headers is { } original)
        {
            foreach (var header in original)
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        headers.Add(DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(rejection.Code));
        headers.Add(DeadLetterHeaders.Detail, Encoding.UTF8.GetBytes(LogText.Safe(rejection.Detail, 1024)));
        headers.Add(DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(source.Topic));
        headers.Add(DeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(source.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(source.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.SourceTimestamp, Encoding.UTF8.GetBytes(source.Message.Timestamp.UnixTimestampMs.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.FailedAt, Encoding.UTF8.GetBytes(time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
        var key = source.Message.Key;
        if (truncated)
        {
            headers.Add(DeadLetterHeaders.Truncated, Encoding.UTF8.GetBytes(DeadLetterHeaders.TooLarge));
            headers.Add(DeadLetterHeaders.OriginalBytes, Encoding.UTF8.GetBytes(value.Length.ToString(CultureInfo.InvariantCulture)));
            if (!sealing)
            {
                // A digest of the clear bytes would outlive a shredding and confirm a guessed payload.
                headers.Add(DeadLetterHeaders.OriginalSha256, Encoding.UTF8.GetBytes(Convert.ToHexStringLower(SHA256.HashData(value))));
            }

            value = value.AsSpan(0, Math.Min(value.Length, keptBytes)).ToArray();
            key = key is { Length: > MaxKeptKeyBytes } ? key[..MaxKeptKeyBytes] : key;
        }

        return new Message<byte[]?, byte[]> { Key = key, Value = value, Headers = headers };
    }

    private const int MaxKeptKeyBytes = 1024;

    private enum Sealing
    {
        Kept,
        Sealed,
        Dropped,
    }

    // Sealing needs the tenant's keys: a transient failure waits and retries (the offset waits too); destroyed keys
    // mean a shredded tenant, whose events are dropped; keys that do not open keep the record without its value.
    private async Task<Sealing> SealAsync(Message<byte[]?, byte[]> message, string? tenant, ConsumeResult<byte[]?, byte[]> source, CancellationToken abort)
    {
        if (tenant is null || !sealer.Seals)
        {
            return Sealing.Kept;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                message.Value = await sealer.SealAsync(tenant, message.Value, DeadLetterSealing.Purpose);
                message.Headers.Add(DeadLetterHeaders.SealedFor, Encoding.UTF8.GetBytes(tenant));
                return Sealing.Sealed;
            }
            catch (Exception ex) when (UnreadableState.Classify(ex) == UnreadableState.Kind.KeyDestroyed)
            {
                stats.OnDiscarded(1);
                return Sealing.Dropped;
            }
            catch (Exception ex) when (UnreadableState.Classify(ex) == UnreadableState.Kind.Tampered)
            {
                LogValueDropped(source.Topic, source.Partition.Value, source.Offset.Value, tenant);
                message.Value = [];
                message.Headers.Add(DeadLetterHeaders.Truncated, Encoding.UTF8.GetBytes(DeadLetterHeaders.Unsealable));
                return Sealing.Kept;
            }
            catch (Exception ex) when (!abort.IsCancellationRequested)
            {
                var delay = Backoff.Delay(attempt, ingestion.Value.MaxRetryDelay);
                LogSealFailed(source.Topic, source.Partition.Value, source.Offset.Value, attempt, delay.TotalMilliseconds, ex.GetType().Name);
                await Task.Delay(delay, abort);
            }
        }
    }

    private static bool IsTooLarge(ErrorCode code) =>
        code is ErrorCode.MsgSizeTooLarge or ErrorCode.RecordListTooLarge or ErrorCode.InvalidMsgSize;

    [LoggerMessage(Level = LogLevel.Error, Message = "{Topic}[{Partition}]@{Offset}: the data keys of tenant {Tenant} do not open, so the dead letter is kept without its value")]
    private partial void LogValueDropped(string topic, int partition, long offset, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not seal {Topic}[{Partition}]@{Offset} for the dead-letter topic (attempt {Attempt}, {ErrorType}); retrying in {DelayMs} ms")]
    private partial void LogSealFailed(string topic, int partition, long offset, int attempt, double delayMs, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettered {Topic}[{Partition}]@{Offset} event {EventId}: {Reason}: {Detail}")]
    private partial void LogDeadLettered(string topic, int partition, long offset, string eventId, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Topic}[{Partition}]@{Offset} ({Bytes} bytes) is too large for the dead-letter topic; storing its first {Kept} bytes, size and SHA-256 instead")]
    private partial void LogTooLarge(string topic, int partition, long offset, int bytes, int kept);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Topic}[{Partition}]@{Offset} ({Reason}) could not be stored in the dead-letter topic even without its value; skipped")]
    private partial void LogNotStored(string topic, int partition, long offset, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Topic}[{Partition}]@{Offset} to the dead-letter topic (attempt {Attempt}); retrying in {DelayMs} ms")]
    private partial void LogDeadLetterWriteFailed(Exception exception, string topic, int partition, long offset, int attempt, double delayMs);
}
