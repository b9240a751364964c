using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;
using CraftCX.Events;
using CraftCX.Silo.Kafka;
using CraftCX.Silo.Telemetry;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Ingestion;

/// <summary>
/// The silo's Kafka consumer (one per silo, all silos in one consumer group). It hands events to per-conversation
/// lanes, pauses when too much is in flight, and commits per partition only the offsets below which everything
/// was applied and aggregated; on revoke and on shutdown it drains first, then commits. It also reads the import
/// topic, whose partitions it pauses whenever live events queue (<see cref="ImportGate"/>).
/// </summary>
internal sealed partial class KafkaIngestor : BackgroundService
{
    private readonly KafkaClientConfigs _configs;
    private readonly TimeProvider _time;
    private readonly ConsumerLag _lag;
    private readonly IngestionStats _stats;
    private readonly IngestionOptions _options;
    private readonly ILogger<KafkaIngestor> _logger;
    private readonly CancellationTokenSource _abort = new();
    private readonly OwnedPartitions _owned = new();
    private readonly ConsumerBackpressure _backpressure;
    private readonly ConversationLanes _lanes;
    private readonly ImportGate _importGate;
    private readonly ImportProgress _imports;
    private readonly string _groupId;
    private readonly RepeatedErrorFilter _errors;
    private bool _closing;
    private volatile bool _rebuildConsumer;
    private volatile bool _importGateStale;

    public KafkaIngestor(
        KafkaClientConfigs configs,
        IGrainFactory grains,
        ChatEventParser parser,
        DeadLetterPublisher deadLetters,
        IngestionStats stats,
        TenantAdmission admission,
        ImportProgress imports,
        IOptions<IngestionOptions> options,
        TimeProvider time,
        ILogger<KafkaIngestor> logger,
        CraftCXTelemetry telemetry,
        ConsumerLag lag,
        string? groupId = null)
    {
        _configs = configs;
        _time = time;
        _lag = lag;
        _backpressure = new ConsumerBackpressure(options.Value.MaxInFlightEvents);
        _stats = stats;
        _options = options.Value;
        _logger = logger;
        _groupId = groupId ?? configs.Options.GroupId;
        _errors = new RepeatedErrorFilter(TimeSpan.FromSeconds(30), time);
        _imports = imports;
        _importGate = new ImportGate(_options.Import, _options.MaxInFlightEvents);
        _lanes = new ConversationLanes(grains, parser, deadLetters, stats, admission, imports, _options, time, telemetry, logger, _abort.Token);
    }

    public string GroupId => _groupId;

    public long InFlight => _lanes.InFlight;

    public long PeakInFlight => _lanes.PeakInFlight;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public override void Dispose()
    {
        _abort.Cancel();
        _abort.Dispose();
        base.Dispose();
    }

    private void Run(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                ConsumeUntilStopped(stopping);
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                _stats.LastKafkaError = ex.Message;
                _stats.LastKafkaErrorAt = _time.GetUtcNow();
                LogConsumerFailed(ex, _options.RestartDelay.TotalSeconds);
                stopping.WaitHandle.WaitOne(_options.RestartDelay);
            }
        }
    }

    private void ConsumeUntilStopped(CancellationToken stopping)
    {
        var topic = _configs.Options.Topic;
        var importTopic = _options.Import.Enabled ? _configs.Options.ImportTopicName : null;
        var config = _configs.Consumer(_groupId, $"craftcx-{Environment.MachineName}-{Environment.ProcessId}");
        if (_options.StatisticsInterval > TimeSpan.Zero)
        {
            config.StatisticsIntervalMs = (int)_options.StatisticsInterval.TotalMilliseconds;
        }

        var consumer = new ConsumerBuilder<byte[]?, byte[]>(config)
            .SetErrorHandler(OnError)
            .SetStatisticsHandler((_, statistics) => _lag.Update(statistics))
            .SetLogHandler((_, message) => OnLog(message))
            .SetPartitionsAssignedHandler(OnAssigned)
            .SetPartitionsRevokedHandler((c, partitions) => OnRevoked(c, partitions.Select(p => p.TopicPartition).ToList(), commit: true))
            .SetPartitionsLostHandler((c, partitions) => OnRevoked(c, partitions.Select(p => p.TopicPartition).ToList(), commit: false))
            .Build();

        _rebuildConsumer = false;
        _closing = false;
        consumer.Subscribe(importTopic is null ? [topic] : [topic, importTopic]);
        _stats.ConsumerRunning = true;
        LogSubscribed(topic, _groupId, _configs.Options.DeadLetterTopicName);
        if (importTopic is not null)
        {
            LogImportSubscribed(importTopic, _options.Import.YieldAboveLiveInFlight, _options.Import.MaxInFlight);
        }

        _importGate.Reset();
        _importGateStale = false;
        var nextCommit = _time.GetUtcNow() + _options.CommitInterval;
        _backpressure.Reset();
        var assignment = () => consumer.Assignment.Count;
        try
        {
            while (!stopping.IsCancellationRequested && !_rebuildConsumer)
            {
                if (_time.GetUtcNow() >= nextCommit)
                {
                    CommitCompleted(consumer);
                    if (importTopic is not null)
                    {
                        _imports.Waiting = ImportWaiting(consumer, importTopic);
                    }

                    nextCommit = _time.GetUtcNow() + _options.CommitInterval;
                }

                var inFlight = _lanes.InFlight;
                if (_backpressure.ShouldWait(inFlight) && WaitForCapacity(stopping))
                {
                    // Capacity came back quickly: librdkafka kept prefetching meanwhile, nothing to refetch.
                    continue;
                }

                switch (_backpressure.Next(inFlight, assignment))
                {
                    case BackpressureAction.Pause:
                        // Still full: paused, so that polling (rebalances, liveness) goes on without taking more.
                        consumer.Pause(consumer.Assignment);
                        _stats.OnPaused();
                        break;
                    case BackpressureAction.Resume:
                        consumer.Resume(consumer.Assignment);
                        _stats.Paused = false;
                        // Everything runs again, imports too: the gate decides afresh whether they should.
                        _importGate.Reset();
                        break;
                }

                if (importTopic is not null && !_backpressure.Paused)
                {
                    GateImports(consumer, importTopic);
                }

                ConsumeResult<byte[]?, byte[]>? result;
                try
                {
                    result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                }
                catch (ConsumeException ex)
                {
                    LogConsumeError(ex.Error.Code, ex.Error.Reason);
                    stopping.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(500));
                    continue;
                }

                if (result?.Message is null)
                {
                    continue;
                }

                var tracker = _owned.Tracker(result.TopicPartition);
                tracker.Track(result.Offset.Value);
                _lanes.Dispatch(new ConsumedEvent(result, tracker) { Imported = importTopic is not null && string.Equals(result.Topic, importTopic, StringComparison.Ordinal) });
            }
        }
        finally
        {
            _stats.ConsumerRunning = false;
            if (ShutDown(consumer))
            {
                consumer.Dispose();
            }
        }
    }

    private void GateImports(IConsumer<byte[]?, byte[]> consumer, string importTopic)
    {
        if (_importGateStale)
        {
            // New partitions start unpaused: make them all agree, then decide again.
            _importGateStale = false;
            _importGate.Reset();
            consumer.Resume(ImportPartitions(consumer, importTopic));
        }

        switch (_importGate.Next(_lanes.LiveInFlight, _lanes.ImportInFlight))
        {
            case BackpressureAction.Pause:
                consumer.Pause(ImportPartitions(consumer, importTopic));
                break;
            case BackpressureAction.Resume:
                consumer.Resume(ImportPartitions(consumer, importTopic));
                break;
        }
    }

    private static List<TopicPartition> ImportPartitions(IConsumer<byte[]?, byte[]> consumer, string importTopic) =>
        consumer.Assignment.Where(p => string.Equals(p.Topic, importTopic, StringComparison.Ordinal)).ToList();

    // From librdkafka's cached watermarks and the fetch positions: no broker round trip on the consumer thread.
    private static long ImportWaiting(IConsumer<byte[]?, byte[]> consumer, string importTopic)
    {
        long waiting = 0;
        foreach (var partition in ImportPartitions(consumer, importTopic))
        {
            // A partition not fetched yet has no position: it counts once it does (an ETA errs low, never on old data).
            var watermarks = consumer.GetWatermarkOffsets(partition);
            var position = consumer.Position(partition);
            if (watermarks.High != Offset.Unset && position != Offset.Unset)
            {
                waiting += Math.Max(0, watermarks.High.Value - position.Value);
            }
        }

        return waiting;
    }

    private bool WaitForCapacity(CancellationToken stopping)
    {
        var deadline = _time.GetUtcNow() + _options.PauseAfter;
        while (_lanes.InFlight >= _options.MaxInFlightEvents)
        {
            if (_time.GetUtcNow() >= deadline || stopping.WaitHandle.WaitOne(2))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Drains, commits and leaves the group; false when librdkafka did not close in time (then the handle is left to the exiting process).</summary>
    private bool ShutDown(IConsumer<byte[]?, byte[]> consumer)
    {
        // Graceful: let in-flight events finish, commit what they completed, then leave the group.
        var drained = _owned.WaitDrained(_options.DrainTimeout);
        if (!drained)
        {
            LogDrainTimedOut(_lanes.InFlight, _options.DrainTimeout.TotalSeconds);
            _abort.Cancel();
        }

        // A rebalance in progress makes the broker refuse commits: keep polling (which lets the rebalance run and
        // its revoke handler commit) until a commit goes through. Messages polled meanwhile are not dispatched, so
        // they stay uncommitted and the next owner reads them.
        var deadline = _time.GetUtcNow() + _options.CloseTimeout;
        bool committed;
        while (!(committed = CommitCompleted(consumer)) && _time.GetUtcNow() < deadline)
        {
            try
            {
                consumer.Consume(TimeSpan.FromMilliseconds(200));
            }
            catch (ConsumeException)
            {
            }
        }

        _closing = true;
        var close = Task.Run(() =>
        {
            try
            {
                consumer.Close();
            }
            catch (KafkaException ex)
            {
                LogConsumeError(ex.Error.Code, ex.Error.Reason);
            }
        });
        var closed = close.Wait(_options.CloseTimeout);
        _owned.Release();
        _stats.OnAssignment(0);
        if (!committed)
        {
            LogStoppedUncommitted(_groupId);
        }
        else if (closed)
        {
            LogStopped(_groupId);
        }

        if (!closed)
        {
            LogCloseTimedOut(_groupId, _options.CloseTimeout.TotalSeconds);
        }

        return closed;
    }

    private void OnAssigned(IConsumer<byte[]?, byte[]> consumer, List<TopicPartition> partitions)
    {
        _owned.Assign(partitions);
        _importGateStale = true;
        _stats.OnAssignment(_owned.Count);
        _stats.OnBrokerReached();
        LogAssigned(partitions.Count, string.Join(",", partitions.Select(p => p.Partition.Value)), _owned.Count);
    }

    private void OnRevoked(IConsumer<byte[]?, byte[]> consumer, List<TopicPartition> partitions, bool commit)
    {
        if (commit && !_closing)
        {
            // Finish what is in flight so that the next owner starts exactly after it.
            _owned.WaitDrained(_options.DrainTimeout, partitions);
        }

        if (commit)
        {
            CommitCompleted(consumer, partitions);
        }

        _owned.Release(partitions);
        _stats.OnAssignment(_owned.Count);
        LogRevoked(partitions.Count, commit ? "revoked" : "lost", _owned.Count);
    }

    /// <summary>Commits the completed offsets of the partitions (all owned when null); false when the broker refused.</summary>
    private bool CommitCompleted(IConsumer<byte[]?, byte[]> consumer, IEnumerable<TopicPartition>? partitions = null)
    {
        var offsets = _owned.Committable(partitions);
        if (offsets.Count == 0)
        {
            return true;
        }

        try
        {
            consumer.Commit(offsets);
            _stats.OnBrokerReached();
            _owned.MarkCommitted(offsets);

            return true;
        }
        catch (KafkaException ex)
        {
            // Not fatal: the same or a later offset is committed next time; redelivery is idempotent.
            if (_errors.ShouldLog("commit:" + ex.Error.Code))
            {
                LogCommitFailed(ex.Error.Code, ex.Error.Reason);
            }

            return false;
        }
    }

    private void OnError(IConsumer<byte[]?, byte[]> consumer, Error error)
    {
        _stats.LastKafkaError = $"{error.Code}: {error.Reason}";
        _stats.LastKafkaErrorAt = _time.GetUtcNow();
        if (error.Code == ErrorCode.Local_AllBrokersDown)
        {
            _stats.OnBrokersDown(_stats.LastKafkaErrorAt.Value);
        }

        if (error.IsFatal)
        {
            _rebuildConsumer = true;
            LogFatal(error.Code, error.Reason);
        }
        else if (_errors.ShouldLog(error.Code.ToString()))
        {
            LogKafkaError(error.Code, error.Reason);
        }
    }

    private void OnLog(LogMessage message)
    {
        // Broker errors also arrive, throttled, through the error handler (and the health check): these are detail.
        var level = (int)message.Level switch
        {
            <= 4 => LogLevel.Debug,
            5 or 6 => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        LogLibrdkafka(level, message.Facility, message.Message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingestor subscribed to {Topic} in consumer group {GroupId}; invalid events go to {DeadLetterTopic}")]
    private partial void LogSubscribed(string topic, string groupId, string deadLetterTopic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingestor also reads imports from {ImportTopic}, behind live traffic: paused while over {YieldAbove} live events are in flight, at most {MaxInFlight} import events in flight")]
    private partial void LogImportSubscribed(string importTopic, int yieldAbove, int maxInFlight);

    [LoggerMessage(Level = LogLevel.Information, Message = "Assigned {Count} partition(s) [{Partitions}]; this silo now owns {Total}")]
    private partial void LogAssigned(int count, string partitions, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} partition(s) {How}; this silo now owns {Total}")]
    private partial void LogRevoked(int count, string how, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offset commit failed: {Code} {Reason}")]
    private partial void LogCommitFailed(ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka consumer: {Code} {Reason}")]
    private partial void LogKafkaError(ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka consumer hit a fatal error {Code} {Reason}; rebuilding it")]
    private partial void LogFatal(ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka consume error {Code} {Reason}")]
    private partial void LogConsumeError(ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka consumer failed; restarting in {DelaySeconds} s")]
    private partial void LogConsumerFailed(Exception exception, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{InFlight} event(s) still in flight after {Seconds} s; they stay uncommitted and will be read again")]
    private partial void LogDrainTimedOut(long inFlight, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Kafka consumer of group {GroupId} did not close within {Seconds} s; leaving it to the exiting process (the group reassigns after the session timeout)")]
    private partial void LogCloseTimedOut(string groupId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestor of group {GroupId} stopped without its last commit (broker unreachable or rebalancing); events after the last committed offsets will be read again and recognised as duplicates")]
    private partial void LogStoppedUncommitted(string groupId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingestor of group {GroupId} stopped; completed offsets committed")]
    private partial void LogStopped(string groupId);

    [LoggerMessage(Message = "librdkafka {Facility}: {Message}")]
    private partial void LogLibrdkafka(LogLevel level, string facility, string message);
}
