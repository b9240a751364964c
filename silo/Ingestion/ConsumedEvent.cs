using Confluent.Kafka;
using CraftCX.Events;

namespace CraftCX.Silo.Ingestion;

/// <summary>A Kafka message on its way through the ingestor, with the partition bookkeeping needed to complete it.</summary>
internal sealed class ConsumedEvent(ConsumeResult<byte[]?, byte[]> result, PartitionOffsetTracker tracker)
{
    public ConsumeResult<byte[]?, byte[]> Result { get; } = result;

    public PartitionOffsetTracker Tracker { get; } = tracker;

    public long Offset => Result.Offset.Value;

    /// <summary>Read from the import topic: applied as backfill, behind live traffic.</summary>
    public bool Imported { get; init; }

    /// <summary>Set once parsed: the event, or why it is dead-lettered.</summary>
    public EventParseResult? Parsed { get; set; }

    /// <summary>The producer's timestamp, for the produce-to-applied latency.</summary>
    public DateTimeOffset? ProducedAt =>
        Result.Message.Timestamp.Type == TimestampType.NotAvailable ? null : Result.Message.Timestamp.UtcDateTime;
}
