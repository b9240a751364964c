using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CraftCX.Silo.Ingestion;

/// <summary>Counters of this silo's ingestion, exported as .NET metrics ("CraftCX.Ingestion") and read by the summary line and health check.</summary>
internal sealed class IngestionStats
{
    public const string MeterName = "CraftCX.Ingestion";

    private readonly ConcurrentDictionary<string, long> _deadLetteredByReason = new(StringComparer.Ordinal);
    private readonly Counter<long> _events;
    private readonly Counter<long> _deadLettered;
    private readonly Histogram<double> _latency;
    private long _consumed;
    private long _applied;
    private long _duplicates;
    private long _deadLetteredTotal;
    private long _discarded;
    private long _conversations;
    private long _completed;
    private long _inFlight;
    private int _assignedPartitions;
    private long _pauses;
    private long _brokersDownSinceTicks;

    public IngestionStats(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _events = meter.CreateCounter<long>("craftcx.ingest.events", description: "Events by outcome: consumed, applied, duplicate, dead-lettered");
        _deadLettered = meter.CreateCounter<long>("craftcx.ingest.dead_lettered", description: "Events sent to the dead-letter topic, by reason");
        _latency = meter.CreateHistogram<double>("craftcx.ingest.latency", unit: "ms", description: "From the event's produce time to its score being applied");
        meter.CreateObservableGauge("craftcx.ingest.in_flight", () => InFlight, description: "Events consumed and not yet applied and aggregated");
    }

    public long Consumed => Interlocked.Read(ref _consumed);
    public long Applied => Interlocked.Read(ref _applied);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long DeadLettered => Interlocked.Read(ref _deadLetteredTotal);

    /// <summary>Events of deleted tenants dropped without a copy.</summary>
    public long Discarded => Interlocked.Read(ref _discarded);
    public long Conversations => Interlocked.Read(ref _conversations);

    /// <summary>Events whose offsets may be committed: applied and aggregated, or dead-lettered.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    public long InFlight => Interlocked.Read(ref _inFlight);
    public int AssignedPartitions => Volatile.Read(ref _assignedPartitions);
    public bool Paused { get; set; }

    /// <summary>How often the consumer paused because too much was in flight.</summary>
    public long Pauses => Interlocked.Read(ref _pauses);
    public bool ConsumerRunning { get; set; }
    public string? LastKafkaError { get; set; }
    public DateTimeOffset? LastKafkaErrorAt { get; set; }

    /// <summary>
    /// When librdkafka last said every broker was down, until the consumer next hears from a broker.
    /// Kept apart from <see cref="LastKafkaError"/> because connection errors that follow would overwrite it.
    /// </summary>
    public DateTimeOffset? BrokersDownSince
    {
        get
        {
            var ticks = Interlocked.Read(ref _brokersDownSinceTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void OnBrokersDown(DateTimeOffset at) => Interlocked.CompareExchange(ref _brokersDownSinceTicks, at.UtcTicks, 0);

    /// <summary>A fetched message, an assignment or a commit proves a broker answers again.</summary>
    public void OnBrokerReached()
    {
        if (Interlocked.Read(ref _brokersDownSinceTicks) != 0)
        {
            Interlocked.Exchange(ref _brokersDownSinceTicks, 0);
        }
    }

    /// <summary>Produce-to-applied latency of every event, for the benchmark and the summary line.</summary>
    public LatencyHistogram Latency { get; } = new();

    public IReadOnlyDictionary<string, long> DeadLetteredByReason => _deadLetteredByReason;

    public void OnConsumed()
    {
        Interlocked.Increment(ref _consumed);
        Interlocked.Increment(ref _inFlight);
        OnBrokerReached();
        _events.Add(1, new KeyValuePair<string, object?>("outcome", "consumed"));
    }

    public void OnApplied(int applied, int duplicates, bool created)
    {
        Interlocked.Add(ref _applied, applied);
        Interlocked.Add(ref _duplicates, duplicates);
        if (created)
        {
            Interlocked.Increment(ref _conversations);
        }

        _events.Add(applied, new KeyValuePair<string, object?>("outcome", "applied"));
        if (duplicates > 0)
        {
            _events.Add(duplicates, new KeyValuePair<string, object?>("outcome", "duplicate"));
        }
    }

    public void OnDeadLettered(string reason)
    {
        Interlocked.Increment(ref _deadLetteredTotal);
        _deadLetteredByReason.AddOrUpdate(reason, 1, static (_, n) => n + 1);
        _deadLettered.Add(1, new KeyValuePair<string, object?>("reason", reason));
        _events.Add(1, new KeyValuePair<string, object?>("outcome", "dead-lettered"));
    }

    /// <summary>Events of a deleted tenant: committed and dropped, neither applied nor copied to the dead-letter topic.</summary>
    public void OnDiscarded(int count)
    {
        Interlocked.Add(ref _discarded, count);
        _events.Add(count, new KeyValuePair<string, object?>("outcome", "discarded"));
    }

    public void OnCompleted(TimeSpan? latency)
    {
        Interlocked.Increment(ref _completed);
        Interlocked.Decrement(ref _inFlight);
        if (latency is { } l)
        {
            Latency.Record(l);
            _latency.Record(l.TotalMilliseconds);
        }
    }

    public void OnPaused()
    {
        Paused = true;
        Interlocked.Increment(ref _pauses);
    }

    public void OnAssignment(int partitions) => Volatile.Write(ref _assignedPartitions, partitions);
}
