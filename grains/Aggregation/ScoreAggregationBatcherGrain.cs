using System.Diagnostics;
using CraftCX.Diagnostics;
using CraftCX.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CraftCX.Aggregation;

/// <summary>
/// Two-stage aggregation (the Orleans pattern for hot aggregates): one reentrant stateless worker per silo
/// gathers contributions and sends each aggregate grain one call per flush. A publisher's task completes only
/// after every aggregate has applied its contributions, so the ingestor commits Kafka offsets only then.
/// Flushes may overlap: aggregates keep the newest version of each conversation's contribution until it is
/// released, so a late or retried older one changes nothing.
/// </summary>
[StatelessWorker(1)]
[Reentrant]
internal sealed partial class ScoreAggregationBatcherGrain(
    IOptions<AggregationOptions> options,
    SiloStopping silo,
    TimeProvider time,
    AggregationMetrics metrics,
    AggregationTracing tracing,
    ILogger<ScoreAggregationBatcherGrain> logger) : Grain, IScoreAggregationBatcherGrain
{
    private PendingContributions _pending = new();
    private TaskCompletionSource _nextFlush = NewCompletion();
    private int _flushesUnderWay;
    private int _failures;
    private DateTimeOffset _retryAfter;
    private CancellationTokenRegistration _stopRegistration;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Publishers wait for a flush that the timer drives, and a stopping silo stops the timer before this
        // activation can deactivate (which waits for those publishers): they would wait for ever. So when the silo
        // starts to stop, whoever waits is told, and later publishers fail at once; ingestion then does not commit
        // and a conversation keeps its scores to publish again. Completing the task from here is thread-safe.
        _stopRegistration = silo.Token.Register(() => Volatile.Read(ref _nextFlush).TrySetException(Stopped()));
        var interval = options.Value.FlushInterval;
        // A grain timer waits for its callback before the next tick: started, not awaited, so ticks stay regular.
        this.RegisterGrainTimer(
            cancellation =>
            {
                _ = FlushAsync();
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(interval, interval) { Interleave = true, KeepAlive = true });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _stopRegistration.DisposeAsync();

        // Bounded: on a stopping silo the aggregates may be gone already, and retrying for ever would hold the shutdown.
        var deadline = time.GetUtcNow() + options.Value.FinalFlushTimeout;
        while (!_pending.IsEmpty && !cancellationToken.IsCancellationRequested && time.GetUtcNow() < deadline)
        {
            await FlushAsync();
            if (!_pending.IsEmpty)
            {
                // Other flushes still under way, or a retry pause: wait a moment rather than spin.
                await Task.Delay(TimeSpan.FromMilliseconds(10), CancellationToken.None);
            }
        }

        if (!_pending.IsEmpty)
        {
            LogUndelivered(_pending.Count, reason.ReasonCode);
            _nextFlush.TrySetException(new InvalidOperationException(
                $"The aggregation batcher deactivated ({reason.ReasonCode}) before it could deliver {_pending.Count} contributions."));
        }
    }

    public Task PublishAsync(IReadOnlyList<AggregateUpdate> updates)
    {
        if (updates.Count == 0)
        {
            return Task.CompletedTask;
        }

        foreach (var update in updates)
        {
            _pending.Add(update.Level, update.Key, update.Contribution);
        }

        return Pending();
    }

    public Task ReleaseAsync(IReadOnlyList<AggregateRelease> releases)
    {
        if (releases.Count == 0)
        {
            return Task.CompletedTask;
        }

        foreach (var release in releases)
        {
            _pending.Add(release.Level, release.Key, release.Release);
        }

        return Pending();
    }

    private Task Pending()
    {
        if (silo.Token.IsCancellationRequested)
        {
            return Task.FromException(Stopped());
        }

        var completion = _nextFlush.Task;
        if (_pending.Count >= options.Value.MaxPendingContributions)
        {
            _ = FlushAsync();
        }

        return completion;
    }

    private async Task FlushAsync()
    {
        if (_flushesUnderWay >= options.Value.MaxConcurrentFlushes || _pending.IsEmpty || time.GetUtcNow() < _retryAfter)
        {
            return;
        }

        _flushesUnderWay++;
        var waiters = _nextFlush;
        var batches = DropStaleCopies(_pending.Drain(), waiters);
        _pending = new PendingContributions();
        Volatile.Write(ref _nextFlush, NewCompletion());
        if (silo.Token.IsCancellationRequested)
        {
            _nextFlush.TrySetException(Stopped());
        }

        try
        {
            var sends = batches.Select(SendAsync).ToArray();
            try
            {
                await Task.WhenAll(sends);
            }
            catch
            {
                // Inspected per batch below.
            }

            var failed = 0;
            Exception? firstError = null;
            for (var i = 0; i < sends.Length; i++)
            {
                if (sends[i].IsCompletedSuccessfully)
                {
                    continue;
                }

                failed++;
                firstError ??= sends[i].Exception?.GetBaseException();
                foreach (var contribution in batches[i].Contributions)
                {
                    _pending.Add(batches[i].Level, batches[i].Key, contribution);
                }

                foreach (var release in batches[i].Releases)
                {
                    _pending.Add(batches[i].Level, batches[i].Key, release);
                }
            }

            if (failed == 0)
            {
                _failures = 0;
                waiters.TrySetResult();
                return;
            }

            // Not done: these publishers wait for the retry, which also carries the failed contributions.
            _failures++;
            var delay = TimeSpan.FromMilliseconds(Math.Min(options.Value.MaxRetryDelay.TotalMilliseconds, 100 * Math.Pow(2, _failures)));
            _retryAfter = time.GetUtcNow() + delay;
            LogFlushFailed(firstError, failed, batches.Count, delay.TotalMilliseconds);
            if (firstError is SiloUnavailableException)
            {
                // A silo is stopping: waiting for a retry could hold its shutdown for ever. The publishers are told
                // now and repair through their own paths (ingestion does not commit, a conversation publishes again).
                waiters.TrySetException(firstError);
                return;
            }

            var next = _nextFlush;
            _ = next.Task.ContinueWith(
                t =>
                {
                    if (t.Exception is { } error)
                    {
                        waiters.TrySetException(error.InnerExceptions);
                    }
                    else
                    {
                        waiters.TrySetResult();
                    }
                },
                TaskScheduler.Default);
        }
        finally
        {
            _flushesUnderWay--;
        }
    }

    // A copy waiting too long (its aggregate failing) could arrive after its conversation's release: dropped, and its
    // publishers told, so that they send a fresh one.
    private List<PendingBatch> DropStaleCopies(List<PendingBatch> batches, TaskCompletionSource waiters)
    {
        var oldest = time.GetUtcNow() - options.Value.MaxCopyAge;
        var dropped = 0;
        for (var i = 0; i < batches.Count; i++)
        {
            var batch = batches[i];
            var fresh = batch.Contributions.Where(c => c.IssuedAt == default || c.IssuedAt >= oldest).ToArray();
            dropped += batch.Contributions.Length - fresh.Length;
            batches[i] = batch with { Contributions = fresh };
        }

        if (dropped > 0)
        {
            LogStaleDropped(dropped);
            waiters.TrySetException(new StaleContributionException(dropped));
        }

        return batches.Where(b => b.Contributions.Length > 0 || b.Releases.Length > 0).ToList();
    }

    private async Task SendAsync(PendingBatch batch)
    {
        IScoreAggregateGrain aggregate = batch.Level switch
        {
            AggregateLevel.Agent => GrainFactory.GetGrain<IAgentGrain>(batch.Key),
            AggregateLevel.Workspace => GrainFactory.GetGrain<IWorkspaceGrain>(batch.Key),
            _ => GrainFactory.GetGrain<ITenantGrain>(batch.Key),
        };

        if (batch.Contributions.Length > 0)
        {
            // The delivery's span parents the grain call and links to the traces of the batches it carries.
            using (var activity = TraceLinks.StartBatch(tracing.Source, "craftcx.aggregate.flush", ActivityKind.Client, batch.Contributions.Select(c => c.TraceParent)))
            {
                activity?.SetTag("craftcx.tenant", batch.Level == AggregateLevel.Tenant ? batch.Key : GrainKeys.Split(batch.Key).Tenant);
                activity?.SetTag("craftcx.level", batch.Level.ToString());
                activity?.SetTag("craftcx.contributions", batch.Contributions.Length);
                await aggregate.ApplyContributionsAsync(batch.Contributions);
            }

            metrics.Flushed(batch.Level, batch.Contributions.Length);
        }

        // After: a release must not overtake the contribution it releases (it would find nothing to release).
        if (batch.Releases.Length > 0)
        {
            await aggregate.ReleaseContributionsAsync(batch.Releases);
        }
    }

    private static SiloUnavailableException Stopped() => new("This silo is stopping: the contributions were not delivered to their aggregates.");

    private static TaskCompletionSource NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Aggregation batcher deactivating ({Reason}) with {Count} contributions undelivered; their publishers are told, nothing is committed past them")]
    private partial void LogUndelivered(int count, DeactivationReasonCode reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Aggregation batcher dropped {Count} contribution copies too old to send; their publishers send fresh ones")]
    private partial void LogStaleDropped(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Aggregation flush failed for {Failed} of {Total} aggregates; retrying in {DelayMs} ms")]
    private partial void LogFlushFailed(Exception? exception, int failed, int total, double delayMs);
}

