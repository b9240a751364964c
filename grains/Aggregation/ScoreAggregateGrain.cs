using CraftCX.Aggregation.History;
using CraftCX.Events;
using CraftCX.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CraftCX.Aggregation;

/// <summary>
/// Shared behaviour of the agent, workspace and tenant grains: apply contributions of their own tenant only,
/// hold them with the versions that make retries harmless until their conversation releases them, and show the
/// rolling windows. Contribution calls interleave (several flushes may be under way) and share state writes, at
/// most one per write interval. Each change also moves the conversation in history: the change is stored in this
/// grain's state with the contribution, then sent to the history chunk it belongs to (see <see cref="HistoryOutbox"/>).
/// </summary>
internal abstract partial class ScoreAggregateGrain(
    IPersistentState<AggregateState> state,
    TimeProvider time,
    IOptions<AggregationOptions> options,
    ILogger logger,
    AggregateLevel level,
    bool trackAgents,
    bool trackRecent = false) : Grain, IScoreAggregateGrain, IRemindable
{
    /// <summary>Wakes an aggregate that has history, so that its expired chunks go even when it is quiet.</summary>
    public const string HistoryRetentionReminder = "history-retention";

    private WindowedAggregate? _aggregate;
    private HistoryOutbox? _history;
    private CoalescedStateWriter? _writer;
    private string _tenant = string.Empty;
    private Task _historyPump = Task.CompletedTask;
    private DateTimeOffset _lastHistorySweep;
    private bool _leaving;
    private bool _reminderRegistered;
    private readonly CancellationTokenSource _pumpStop = new();

    protected AggregateState State => state.State;

    protected ILogger Logger => logger;

    protected WindowedAggregate Aggregate => _aggregate ??= new WindowedAggregate(state.State, ServiceProvider.GetRequiredService<ContributionPacker>(), trackAgents, trackRecent);

    private HistoryOutbox History => _history ??= new HistoryOutbox(state.State, trackAgents, trackSegments: level == AggregateLevel.Tenant);

    /// <summary>The tenant's data is deleted: the stored aggregate goes, and this activation with it.</summary>
    protected async Task ForgetAggregateAsync()
    {
        // Writes under way or pending finish first, so none stores the aggregate again after it is forgotten.
        if (_writer is { } writer)
        {
            await writer.ChangeAsync<object>(() => null, _ => Task.CompletedTask);
        }

        await StopHistoryPumpAsync();
        foreach (var chunk in History.Chunks.ToArray())
        {
            await ChunkGrain(chunk).ForgetAsync();
        }

        await state.ForgetStoredAsync();
        _writer = null;
        _aggregate = null;
        _history = null;
        DeactivateOnIdle();
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        _tenant = level == AggregateLevel.Tenant ? key : GrainKeys.Split(key).Tenant;
        if (!History.IsEmpty)
        {
            // Stored before the last deactivation and perhaps not sent: a chunk ignores what it already has.
            StartHistoryPump();
        }

        return base.OnActivateAsync(cancellationToken);
    }

    public virtual async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != HistoryRetentionReminder)
        {
            return;
        }

        if (History.Chunks.Count == 0)
        {
            // Its last chunk went while the reminder could not be removed (or in another activation): remove it now.
            if (await this.GetReminder(HistoryRetentionReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        _lastHistorySweep = default;
        StartHistoryPump();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // What is not sent yet is stored, and the next activation sends it.
        await StopHistoryPumpAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task StopHistoryPumpAsync()
    {
        _leaving = true;
        await _pumpStop.CancelAsync();
        await _historyPump;
    }

    // The pump never fails its caller: what it could not send stays stored, and the next write starts it again.
    private async Task PumpHistorySafelyAsync()
    {
        try
        {
            await PumpHistoryAsync();
        }
        catch (Exception ex)
        {
            LogHistoryNotStored(this.GetPrimaryKeyString(), "its pending changes", ex.GetType().Name);
        }
    }

    public async Task ApplyContributionsAsync(IReadOnlyList<ScoreContribution> contributions)
    {
        var writer = Writer;
        try
        {
            // Announced before stored: a failed announcement leaves the change unstored, so the retry brings it again.
            await writer.ChangeAsync(() => Apply(contributions), OnChangedAsync);
        }
        catch when (writer.Failed)
        {
            DeactivateOnIdle();
            throw;
        }
    }

    public async Task ReleaseContributionsAsync(IReadOnlyList<ContributionRelease> releases)
    {
        var writer = Writer;
        try
        {
            await writer.ChangeAsync(() => Release(releases), _ => Task.CompletedTask);
        }
        catch when (writer.Failed)
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private CoalescedStateWriter Writer => _writer ??= new CoalescedStateWriter(WriteAsync, options.Value.WriteInterval, time);

    private async Task WriteAsync()
    {
        var sealedUpTo = History.Seal();
        var started = time.GetTimestamp();
        await this.WriteOrDeactivateAsync(state);
        ServiceProvider.GetRequiredService<AggregationMetrics>().Written(level, time.GetElapsedTime(started));
        History.Stored(sealedUpTo);
        StartHistoryPump();
    }

    private IHistoryChunkGrain ChunkGrain(HistoryChunkId chunk) =>
        GrainFactory.GetGrain<IHistoryChunkGrain>(chunk.KeyFor(level, this.GetPrimaryKeyString()));

    private void StartHistoryPump()
    {
        if (_historyPump.IsCompleted && !_leaving)
        {
            _historyPump = PumpHistorySafelyAsync();
        }
    }

    // Sends stored history deltas to their chunks, at most once per interval, until none is left; a chunk that fails
    // keeps its deltas here for the next round. Sweeps chunks that left retention on the way.
    private async Task PumpHistoryAsync()
    {
        var interval = options.Value.HistoryFlushInterval;
        var delay = interval;
        var reminderChecked = false;
        while (true)
        {
            try
            {
                await Task.Delay(delay, time, _pumpStop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // A deleted tenant's rows must not come back behind its storage sweep.
            if (_leaving || _writer is { Failed: true } || await TenantDeletingAsync())
            {
                return;
            }

            if (!reminderChecked)
            {
                await KeepRetentionReminderAsync();
                reminderChecked = true;
            }

            var sendable = History.TakeSendable();
            var sent = await Task.WhenAll(sendable.Select(SendAsync));
            var (expired, trimmable) = await SweepHistoryAsync();
            foreach (var chunk in expired)
            {
                await ChunkGrain(chunk).ForgetAsync();
            }

            foreach (var (chunk, firstKept) in trimmable)
            {
                await TrimAsync(chunk, firstKept);
            }

            if (sent.Any(s => s.Stored) || expired.Count > 0)
            {
                await this.ChangeOrDeactivateAsync(Writer, () =>
                {
                    var changed = false;
                    foreach (var (chunk, upTo, stored) in sent)
                    {
                        changed |= stored && History.Acknowledge(chunk, upTo);
                    }

                    foreach (var chunk in expired)
                    {
                        History.Forget(chunk);
                        changed = true;
                    }

                    return changed;
                });
            }

            if (expired.Count > 0)
            {
                await KeepRetentionReminderAsync();
            }

            var failed = sent.Count(s => !s.Stored);
            if (failed == 0 && !History.HasSendable)
            {
                return;
            }

            delay = failed > 0 ? TimeSpan.FromTicks(Math.Min(options.Value.MaxRetryDelay.Ticks, Math.Max(interval.Ticks, delay.Ticks * 2))) : interval;
        }
    }

    // One reminder per aggregate with history, at the sweep interval; gone once its last chunk is.
    private async Task KeepRetentionReminderAsync()
    {
        var needed = History.Chunks.Count > 0;
        if (needed == _reminderRegistered || _leaving)
        {
            return;
        }

        try
        {
            var period = options.Value.HistorySweepInterval;
            if (needed)
            {
                await this.RegisterOrUpdateReminder(HistoryRetentionReminder, period, period);
            }
            else if (await this.GetReminder(HistoryRetentionReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderRegistered = needed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Tried again at the next round; until then the chunks are swept whenever the aggregate is busy.
            LogHistoryNotStored(this.GetPrimaryKeyString(), "its retention reminder", ex.GetType().Name);
        }
    }

    private async Task<(HistoryChunkId Chunk, long UpTo, bool Stored)> SendAsync((HistoryChunkId Chunk, IReadOnlyList<HistoryDelta> Deltas) pending)
    {
        try
        {
            await ChunkGrain(pending.Chunk).ApplyAsync(pending.Deltas);
            return (pending.Chunk, pending.Deltas[^1].Sequence, true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHistoryNotStored(this.GetPrimaryKeyString(), HistoryCalendar.Label(pending.Chunk.Granularity, pending.Chunk.FirstBucket), ex.GetType().Name);
            return (pending.Chunk, 0, false);
        }
    }

    // Once per sweep interval: the chunks wholly out of retention, and those with their oldest buckets out of it.
    private async Task<(IReadOnlyList<HistoryChunkId> Expired, IReadOnlyList<(HistoryChunkId Chunk, long FirstKept)> Trimmable)> SweepHistoryAsync()
    {
        var now = time.GetUtcNow();
        if (now - _lastHistorySweep < options.Value.HistorySweepInterval)
        {
            return ([], []);
        }

        _lastHistorySweep = now;
        var months = await HistoryMonthsAsync();
        return (History.Expired(now, months), History.Trimmable(now, months));
    }

    // A trim that fails is asked again at the next sweep; it never holds up the sends.
    private async Task TrimAsync(HistoryChunkId chunk, long firstKept)
    {
        try
        {
            await ChunkGrain(chunk).TrimAsync(firstKept);
            History.Trimmed(chunk, firstKept);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHistoryNotStored(this.GetPrimaryKeyString(), HistoryCalendar.Label(chunk.Granularity, chunk.FirstBucket), ex.GetType().Name);
        }
    }

    /// <summary>Whether the tenant's deletion has begun (then nothing of it is written any more).</summary>
    protected virtual ValueTask<bool> TenantDeletingAsync() =>
        ServiceProvider.GetRequiredService<TenantLifecycleCache>().IsDeletingAsync(_tenant);

    /// <summary>The tenant's history period in months (its retention of de-identified aggregates).</summary>
    protected virtual async Task<int> HistoryMonthsAsync() =>
        (await GrainFactory.GetGrain<ITenantGrain>(_tenant).GetRetentionPolicyAsync()).HistoryPeriodMonths;

    public async Task<HistoryView?> GetHistoryAsync(HistoryRange range, bool compare)
    {
        if (state.State.ContributionsApplied == 0)
        {
            return null;
        }

        var current = await ReadHistoryAsync(range);
        var previous = compare ? await ReadHistoryAsync(range.Previous()) : null;
        return new HistoryView(level, this.GetPrimaryKeyString(), HistoryCalendar.Name(range.Granularity), current, previous);
    }

    // What the chunks store, plus the deltas still on their way to them: exact as soon as a contribution is applied.
    private async Task<HistoryPeriod> ReadHistoryAsync(HistoryRange range) => HistoryQuery.Build(range, await StoredHistoryAsync(range));

    /// <summary>Every stored bucket of the range merged into one (the peer benchmarks read its segments).</summary>
    protected async Task<AggregateBucket> MergedHistoryAsync(HistoryRange range)
    {
        var merged = new AggregateBucket();
        foreach (var (_, bucket) in (await StoredHistoryAsync(range)).Where(b => b.Key >= range.FirstIndex && b.Key < range.EndIndex))
        {
            merged.Add(bucket);
        }

        return merged;
    }

    private async Task<IReadOnlyDictionary<long, AggregateBucket>> StoredHistoryAsync(HistoryRange range)
    {
        var chunks = HistoryQuery.Chunks(range);
        var pending = History.Pending();
        var snapshots = await Task.WhenAll(chunks.Select(c => ChunkGrain(c).GetAsync()));
        return HistoryQuery.Stored(chunks, snapshots, pending);
    }

    private object? Release(IReadOnlyList<ContributionRelease> releases)
    {
        var aggregate = Aggregate;
        var now = time.GetUtcNow();
        var released = 0;
        foreach (var release in releases)
        {
            if (BelongsToTenant(release.ConversationKey) && aggregate.Release(release, now))
            {
                released++;
            }
        }

        return released > 0 ? releases : null;
    }

    private List<(ScoreContribution Current, ScoreContribution? Previous)>? Apply(IReadOnlyList<ScoreContribution> contributions)
    {
        var aggregate = Aggregate;
        var now = time.GetUtcNow();
        var stale = contributions.Count(c => IsStale(aggregate, c, now));
        if (stale > 0)
        {
            // Refused whole, before anything changes: the batcher drops the old copies and sends the rest again.
            throw new StaleContributionException(stale);
        }

        var changes = new List<(ScoreContribution Current, ScoreContribution? Previous)>();
        foreach (var contribution in contributions)
        {
            if (!BelongsToTenant(contribution.ConversationKey))
            {
                // Tenant isolation is a promise: a contribution of another tenant is refused, loudly.
                LogForeignContribution(this.GetPrimaryKeyString(), contribution.ConversationKey);
                continue;
            }

            if (aggregate.Apply(contribution, now, out var previous))
            {
                changes.Add((contribution, previous));
                History.Record(previous, contribution, now);
            }
        }

        aggregate.EvictExpired(now);
        return changes.Count > 0 ? changes : null;
    }

    // Only a conversation this aggregate no longer holds is at risk: a copy sent before its release would count again
    // once the release is no longer recognised (a minute, in memory). So such a copy must be recent. (Refusing copies
    // sent before a restart as well stalled every aggregate that restarted soon after a release: the copy that
    // activates it is always older than the activation.)
    private bool IsStale(WindowedAggregate aggregate, ScoreContribution c, DateTimeOffset now)
    {
        if (c.IssuedAt == default || aggregate.Holds(c.ConversationKey))
        {
            return false;
        }

        var o = options.Value;
        return now - c.IssuedAt > o.MaxCopyAge + o.MaxClockSkew;
    }

    /// <summary>Called with the contributions that changed this aggregate, before a write can store them.</summary>
    protected virtual Task OnChangedAsync(IReadOnlyList<(ScoreContribution Current, ScoreContribution? Previous)> changes) => Task.CompletedTask;

    protected DateTimeOffset Now => time.GetUtcNow();

    protected TimeProvider Time => time;

    public Task<AggregateView?> GetViewAsync() =>
        Task.FromResult(state.State.ContributionsApplied == 0
            ? null
            : Aggregate.View(level, this.GetPrimaryKeyString(), time.GetUtcNow(), includeHistograms: true));

    private bool BelongsToTenant(string conversationKey) =>
        conversationKey.Length > _tenant.Length
        && conversationKey[_tenant.Length] == '/'
        && conversationKey.StartsWith(_tenant, StringComparison.Ordinal)
        && IdRules.IsValidScope(_tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Aggregate {Aggregate} could not store its history of {Period} ({Error}); it keeps the changes and tries again")]
    private partial void LogHistoryNotStored(string aggregate, string period, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Aggregate {Aggregate} refused a contribution of conversation {Conversation} from another tenant")]
    private partial void LogForeignContribution(string aggregate, string conversation);
}
