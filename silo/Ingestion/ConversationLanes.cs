using System.Diagnostics;
using System.Text;
using CraftCX.Aggregation;
using CraftCX.Conversations;
using CraftCX.Diagnostics;
using CraftCX.Events;
using CraftCX.Silo.Telemetry;

namespace CraftCX.Silo.Ingestion;

/// <summary>
/// One lane per conversation: its events go to its grain in consumption order, one batch at a time, while
/// different conversations run in parallel. An event is complete (its offset committable) once its grain has
/// applied it and every aggregate has taken the resulting contribution, or once it is in the dead-letter topic.
/// </summary>
internal sealed partial class ConversationLanes(
    IGrainFactory grains,
    ChatEventParser parser,
    DeadLetterPublisher deadLetters,
    IngestionStats stats,
    TenantAdmission admission,
    ImportProgress imports,
    IngestionOptions options,
    TimeProvider time,
    CraftCXTelemetry telemetry,
    ILogger logger,
    CancellationToken abort)
{
    private const int ShardCount = 32;

    // Lanes are sharded so that the consumer thread and the lane pumps rarely wait on the same lock.
    private readonly Shard[] _shards = Enumerable.Range(0, ShardCount).Select(_ => new Shard()).ToArray();
    private readonly IScoreAggregationBatcherGrain _batcher = grains.GetGrain<IScoreAggregationBatcherGrain>(0);
    // Publishes under way per conversation: a conversation releases its contribution only when none is left.
    private readonly Dictionary<string, Publishing> _publishing = new(StringComparer.Ordinal);
    private long _inFlight;
    private long _importInFlight;
    private long _peakInFlight;

    /// <summary>Events dispatched and not yet complete.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Import events dispatched and not yet complete.</summary>
    public long ImportInFlight => Interlocked.Read(ref _importInFlight);

    /// <summary>Live events dispatched and not yet complete.</summary>
    public long LiveInFlight => InFlight - ImportInFlight;

    /// <summary>The most events ever in flight at once: evidence that backpressure holds.</summary>
    public long PeakInFlight => Interlocked.Read(ref _peakInFlight);

    /// <summary>The lane key of a message: its Kafka key, or tenant/conversation from its body when it has none.</summary>
    public string LaneKeyOf(ConsumedEvent item)
    {
        if (item.Result.Message.Key is { Length: > 0 and <= 512 } key)
        {
            return Encoding.UTF8.GetString(key);
        }

        // No key: parse now to find the conversation; an invalid event gets a lane of its own offset.
        var parsed = parser.Parse(item.Result.Message.Value);
        item.Parsed = parsed;
        return parsed.Event?.ConversationKey ?? $"~invalid/{item.Result.Partition.Value}/{item.Offset}";
    }

    public void Dispatch(ConsumedEvent item)
    {
        var laneKey = LaneKeyOf(item);
        var inFlight = Interlocked.Increment(ref _inFlight);
        if (inFlight > Interlocked.Read(ref _peakInFlight))
        {
            Interlocked.Exchange(ref _peakInFlight, inFlight);
        }

        stats.OnConsumed();
        if (item.Imported)
        {
            imports.OnConsumed(Interlocked.Increment(ref _importInFlight));
        }

        var shard = _shards[(StringComparer.Ordinal.GetHashCode(laneKey) & int.MaxValue) % ShardCount];
        Lane lane;
        bool start;
        lock (shard)
        {
            if (!shard.Lanes.TryGetValue(laneKey, out lane!))
            {
                lane = new Lane(laneKey, shard);
                shard.Lanes[laneKey] = lane;
            }

            lane.Queue.Enqueue(item);
            start = !lane.Running;
            lane.Running = true;
        }

        if (start)
        {
            _ = Task.Run(() => PumpAsync(lane));
        }
    }

    private async Task PumpAsync(Lane lane)
    {
        while (true)
        {
            List<ConsumedEvent> batch;
            lock (lane.Shard)
            {
                if (lane.Queue.Count == 0)
                {
                    lane.Running = false;
                    lane.Shard.Lanes.Remove(lane.Key);
                    return;
                }

                batch = new List<ConsumedEvent>(Math.Min(lane.Queue.Count, options.MaxBatchPerConversation));
                // A batch is all live or all imported: the conversation applies each kind its own way.
                var imported = lane.Queue.Peek().Imported;
                while (batch.Count < options.MaxBatchPerConversation && lane.Queue.TryPeek(out var next) && next.Imported == imported)
                {
                    batch.Add(lane.Queue.Dequeue());
                }
            }

            try
            {
                await ProcessAsync(lane.Key, batch);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                // Hard stop: these events stay uncommitted and are read again by whoever owns the partition next.
                return;
            }
        }
    }

    private async Task ProcessAsync(string laneKey, List<ConsumedEvent> batch)
    {
        var events = new List<ChatEvent>(batch.Count);
        var eventItems = new List<ConsumedEvent>(batch.Count);
        foreach (var item in batch)
        {
            if (item.Tracker.Revoked)
            {
                // The partition moved to another consumer, which reads this event again.
                Complete(item, latency: null);
                continue;
            }

            var parsed = item.Parsed ??= parser.Parse(
                item.Result.Message.Value,
                item.Result.Message.Key is { Length: > 0 } ? laneKey : null);
            if (parsed.Event is { } chatEvent)
            {
                events.Add(chatEvent);
                eventItems.Add(item);
            }
            else
            {
                _ = DeadLetterAsync(item, parsed.Rejection!, item.Result.Message.Key is { Length: > 0 } ? TenantOfKey(laneKey) : null);
            }
        }

        if (events.Count == 0)
        {
            return;
        }

        // A lane holds one conversation, so one tenant: refused as a whole when no operator created it or it is
        // suspended or terminated.
        if (await RetryAsync(() => admission.RefusalAsync(events[0].Tenant).AsTask(), "tenant", events[0].ConversationKey) is { } refusal)
        {
            if (refusal.Code == RejectionCodes.TenantDeleted)
            {
                stats.OnDiscarded(eventItems.Count);
                foreach (var item in eventItems)
                {
                    Complete(item, latency: null);
                }

                return;
            }

            foreach (var item in eventItems)
            {
                _ = DeadLetterAsync(item, refusal, events[0].Tenant);
            }

            return;
        }

        var conversation = grains.GetGrain<IConversationGrain>(events[0].ConversationKey);
        var imported = batch[0].Imported;

        // The batch's span continues its first event's trace (from the producer's headers) and links the others;
        // the grain calls below, and the aggregation they lead to, are its children.
        using var activity = StartApplyActivity(eventItems, events[0], imported);
        ApplyResult result;
        try
        {
            result = await RetryAsync(() => ApplyAsync(conversation, events, imported), "apply", events[0].ConversationKey);
        }
        catch (Exception ex) when (UnreadableState.Classify(ex) is { } unreadable)
        {
            // Not transient: retrying would stop the partition. A shredded tenant's events are dropped like a deleted
            // tenant's; a tampered row's events wait in the dead-letter topic, with the reason, for its restore.
            if (unreadable == UnreadableState.Kind.KeyDestroyed)
            {
                stats.OnDiscarded(eventItems.Count);
                CompleteAll(eventItems);
                return;
            }

            var rejection = new EventRejection(RejectionCodes.StoredStateUnreadable, $"The stored state of {events[0].ConversationKey} failed its integrity check; the event was not applied.");
            foreach (var item in eventItems)
            {
                _ = DeadLetterAsync(item, rejection, events[0].Tenant);
            }

            return;
        }

        stats.OnApplied(result.Applied, result.Duplicates, result.Created);

        var accepted = eventItems;
        if (result.Rejections.Count > 0)
        {
            var rejected = new HashSet<int>();
            foreach (var rejection in result.Rejections)
            {
                rejected.Add(rejection.Index);
                _ = DeadLetterAsync(eventItems[rejection.Index], rejection.Rejection, events[0].Tenant);
            }

            accepted = eventItems.Where((_, i) => !rejected.Contains(i)).ToList();
        }

        var counted = imported ? new ImportCount(events[0].Tenant, result, accepted.Count == events.Count ? events : [.. accepted.Select(a => a.Parsed!.Value.Event!)]) : null;
        if (result.Updates.Count == 0)
        {
            CompleteAll(accepted);
            counted?.Report(imports);
            return;
        }

        // The lane goes on with its next batch; these events complete when the aggregates have the contribution.
        lock (_publishing)
        {
            if (!_publishing.TryGetValue(events[0].ConversationKey, out var publishing))
            {
                publishing = new Publishing();
                _publishing[events[0].ConversationKey] = publishing;
            }

            publishing.UnderWay++;
            if (result.Updates[0].Contribution is { } newest && newest.Version >= publishing.Newest.Version)
            {
                publishing.Newest = (newest.Version, newest.Revision, newest.Closed);
            }
        }

        _ = PublishAsync(accepted, result.Updates, events, conversation, imported, counted);
    }

    private Activity? StartApplyActivity(List<ConsumedEvent> items, ChatEvent first, bool imported)
    {
        if (!telemetry.Ingestion.HasListeners())
        {
            return null;
        }

        ActivityContext parent = default;
        List<ActivityLink>? links = null;
        foreach (var item in items)
        {
            if (!TraceHeaders.TryRead(item.Result.Message.Headers, out var context))
            {
                continue;
            }

            // Events posted in one request share one context: it is the parent once, not a link per event.
            if (parent == default)
            {
                parent = context;
            }
            else if (context != parent && links?.Exists(l => l.Context == context) != true)
            {
                (links ??= []).Add(new ActivityLink(context));
            }
        }

        var activity = telemetry.Ingestion.StartActivity("craftcx.ingest.apply", ActivityKind.Consumer, parent, links: links);
        activity?.SetTag("craftcx.tenant", first.Tenant);
        activity?.SetTag("craftcx.events", items.Count);
        activity?.SetTag("craftcx.imported", imported);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", items[0].Result.Topic);
        return activity;
    }

    private static Task<ApplyResult> ApplyAsync(IConversationGrain conversation, List<ChatEvent> events, bool imported) =>
        imported ? conversation.ImportAsync(events) : conversation.ApplyAsync(events);

    /// <summary>An imported batch's part of its tenant's import progress, reported once its events are complete.</summary>
    private sealed record ImportCount(string Tenant, ApplyResult Result, IReadOnlyList<ChatEvent> Events)
    {
        public void Report(ImportProgress imports)
        {
            if (Events.Count > 0)
            {
                imports.OnCounted(Tenant, Result.Applied, Result.Duplicates, Result.Created, Events.Min(e => e.OccurredAt), Events.Max(e => e.OccurredAt));
            }
        }
    }

    private async Task PublishAsync(List<ConsumedEvent> items, IReadOnlyList<AggregateUpdate> updates, List<ChatEvent> events, IConversationGrain conversation, bool imported, ImportCount? counted)
    {
        var conversationKey = events[0].ConversationKey;
        var published = false;
        var attempt = 0;
        try
        {
            // A retry asks the conversation for its contribution again (its events are duplicates now): a copy kept
            // for retrying could arrive after the conversation released it elsewhere.
            await RetryAsync(
                async () =>
                {
                    var sending = attempt++ == 0 ? updates : (await ApplyAsync(conversation, events, imported)).Updates;
                    await _batcher.PublishAsync(sending);
                    return true;
                },
                "aggregate",
                conversationKey);
            published = true;
            CompleteAll(items);
            counted?.Report(imports);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Uncommitted: replayed after restart, and replays re-send the same versions.
        }
        finally
        {
            (long Version, int Revision, bool Closed)? settled = null;
            lock (_publishing)
            {
                var publishing = _publishing[conversationKey];
                publishing.Failed |= !published;
                if (--publishing.UnderWay == 0)
                {
                    _publishing.Remove(conversationKey);
                    settled = publishing.Failed ? null : publishing.Newest;
                }
            }

            // A closed conversation whose every copy is applied lets its aggregates forget it; not awaited, and a
            // failure only leaves it held until the conversation deactivates.
            if (settled is { Closed: true } closed)
            {
                _ = ReleaseAsync(conversation, closed.Version, closed.Revision);
            }
        }
    }

    private sealed class Publishing
    {
        public int UnderWay { get; set; }

        public (long Version, int Revision, bool Closed) Newest { get; set; } = (-1, 0, false);

        public bool Failed { get; set; }
    }

    private async Task ReleaseAsync(IConversationGrain conversation, long version, int revision)
    {
        try
        {
            await conversation.ReleaseContributionsAsync(version, revision);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(conversation.GetPrimaryKeyString(), ex.GetType().Name);
        }
    }

    // The value is sealed with the tenant's key when the tenant exists; an unknown or deleted one has no key to use.
    private async Task DeadLetterAsync(ConsumedEvent item, EventRejection rejection, string? tenant)
    {
        try
        {
            var refusal = tenant is null ? null : await RetryAsync(async () => await admission.RefusalAsync(tenant) ?? Admitted, "tenant", tenant);
            if (refusal?.Code == RejectionCodes.TenantDeleted)
            {
                // Its keys are destroyed: like its valid events, a deleted tenant's invalid ones are dropped, not kept in the clear.
                stats.OnDiscarded(1);
                Complete(item, latency: null);
                return;
            }

            var sealFor = refusal is { Code: AdmittedCode or RejectionCodes.TenantSuspended or RejectionCodes.TenantTerminated } ? tenant : null;
            await deadLetters.PublishAsync(item.Result, rejection, sealFor, item.Parsed?.Event?.Id, abort);
            Complete(item, latency: null);
            if (item.Imported)
            {
                // Only an existing tenant's status counts it: an unknown one must not get a row by sending events.
                imports.OnDeadLettered(sealFor);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Never an offset that waits forever: the dead letter is lost (it was invalid), the partition goes on.
            LogDeadLetterLost(item.Result.Topic, item.Result.Partition.Value, item.Result.Offset.Value, ex.GetType().Name);
            Complete(item, latency: null);
            if (item.Imported)
            {
                imports.OnDeadLettered(null);
            }
        }
    }

    private const string AdmittedCode = "admitted";

    // Stands for "no refusal" where a value is needed.
    private static readonly EventRejection Admitted = new(AdmittedCode, string.Empty);

    private static string? TenantOfKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && IdRules.IsValidScope(key[..slash]) ? key[..slash] : null;
    }

    private async Task<T> RetryAsync<T>(Func<Task<T>> call, string what, string conversationKey)
    {
        var attempt = 0;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (!abort.IsCancellationRequested && UnreadableState.Classify(ex) is null)
            {
                // Transient by assumption (storage down, silo leaving): retry with backoff and keep the offset.
                attempt++;
                var delay = Backoff.Delay(attempt, options.MaxRetryDelay);
                if (attempt == 1 || attempt % 10 == 0)
                {
                    // A dead silo or a database outage fails thousands of calls at once: one line each, no stack.
                    LogRetry(what, conversationKey, attempt, delay.TotalMilliseconds, ex.GetType().Name, LogText.Safe(ex.GetBaseException().Message));
                }

                await Task.Delay(delay, abort);
            }
        }
    }

    private void CompleteAll(List<ConsumedEvent> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var start = 0;
        for (var i = 1; i <= items.Count; i++)
        {
            // A batch normally shares one partition; complete each run of one partition under one lock.
            if (i == items.Count || items[i].Tracker != items[start].Tracker)
            {
                items[start].Tracker.Complete(items.Skip(start).Take(i - start).Select(x => x.Offset));
                start = i;
            }
        }

        // Import first: live in flight (the difference) may read high for a moment, never low, so the gate errs towards live.
        Interlocked.Add(ref _importInFlight, -items.Count(i => i.Imported));
        Interlocked.Add(ref _inFlight, -items.Count);
        foreach (var item in items)
        {
            // An import's produce time says how long it waited behind live traffic, not how fast scoring is.
            stats.OnCompleted(!item.Imported && item.ProducedAt is { } producedAt ? now - producedAt : null);
        }
    }

    private void Complete(ConsumedEvent item, TimeSpan? latency)
    {
        item.Tracker.Complete(item.Offset);
        if (item.Imported)
        {
            Interlocked.Decrement(ref _importInFlight);
        }

        Interlocked.Decrement(ref _inFlight);

        stats.OnCompleted(latency);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Conversation {Conversation} could not release its contribution yet ({ErrorType}); its aggregates keep holding it")]
    private partial void LogReleaseFailed(string conversation, string errorType);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Topic}[{Partition}]@{Offset} could not be dead-lettered ({ErrorType}); it is skipped")]
    private partial void LogDeadLetterLost(string topic, int partition, long offset, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion {What} for {Conversation} failed (attempt {Attempt}); retrying in {DelayMs:0} ms: {ErrorType}: {Error}")]
    private partial void LogRetry(string what, string conversation, int attempt, double delayMs, string errorType, string error);

    private sealed class Shard
    {
        public Dictionary<string, Lane> Lanes { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Lane(string key, Shard shard)
    {
        public string Key { get; } = key;
        public Shard Shard { get; } = shard;
        public Queue<ConsumedEvent> Queue { get; } = new();
        public bool Running { get; set; }
    }
}
