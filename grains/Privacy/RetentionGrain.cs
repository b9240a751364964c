using CraftCX.Audit;
using CraftCX.Conversations;
using CraftCX.Encryption;
using CraftCX.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CraftCX.Privacy;

/// <summary>
/// A tenant's retention sweep. Days are the unit: once a day's last moment has passed a horizon of the policy,
/// every conversation indexed under it is asked to apply the policy, a bounded number at a time, in a timer that
/// interleaves with the grain's calls so that progress can be read while it runs. A day goes from indexed to
/// purged to tombstoned, and is forgotten (its buckets emptied) once the replay window after deletion passed.
/// </summary>
internal sealed partial class RetentionGrain(
    [PersistentState("retention", StorageNames.Tenants)] IPersistentState<RetentionState> state,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    RetentionMetrics metrics,
    ILogger<RetentionGrain> logger) : Grain, IRetentionGrain, IRemindable
{
    private const string SweepReminder = "retention-sweep";

    // Raised by every add to a day's buckets; a sweep calls a day done only if it did not move meanwhile.
    private readonly Dictionary<DateOnly, long> _generations = [];
    private CoalescedStateWriter? _writer;
    private bool _reminderSet;
    private IGrainTimer? _sweep;
    private readonly SweepTurns _turns = new();
    private RetentionSweepReport? _progress;
    private bool _forgetting;

    private CoalescedStateWriter Writer => _writer ??= new CoalescedStateWriter(() => state.WriteStateAsync(), TimeSpan.Zero, time);

    private string Tenant => this.GetPrimaryKeyString();

    public async Task TrackDayAsync(DateOnly day)
    {
        _generations[day] = _generations.GetValueOrDefault(day) + 1;
        await ChangeAsync(() =>
        {
            // A close on a day already purged or deleted (late, or replayed) makes the whole day due again.
            if (state.State.Days.TryGetValue(day, out var stage) && stage == RetentionStage.Indexed)
            {
                return false;
            }

            state.State.Days[day] = RetentionStage.Indexed;
            return true;
        });

        if (!_reminderSet)
        {
            // Kept once set: a tenant without data pays a sweep that finds nothing to do.
            await this.RegisterOrUpdateReminder(SweepReminder, options.Value.SweepInterval, options.Value.SweepInterval);
            _reminderSet = true;
        }
    }

    public async Task<RetentionStatus> SweepAsync()
    {
        if (_turns.Ask())
        {
            StartSweep();
        }

        return await GetStatusAsync();
    }

    private void StartSweep()
    {
        _progress = new RetentionSweepReport(time.GetUtcNow(), null, true, 0, 0, 0, 0, 0);
        _sweep = this.RegisterGrainTimer(
            RunSweepAsync,
            new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
    }

    public async Task<RetentionStatus> GetStatusAsync()
    {
        var policy = await GrainFactory.GetGrain<ITenantGrain>(Tenant).GetRetentionPolicyAsync();
        var days = state.State.Days;
        return new RetentionStatus(policy, days.Count, days.Count > 0 ? days.Keys.First() : null, _progress ?? state.State.LastSweep, _turns.Queued);
    }

    public async Task<int> ForgetTenantAsync()
    {
        // A sweep under way finds nothing more to store; it is not waited for, as it may be waiting for the tenant.
        _forgetting = true;
        _turns.Stop();
        _sweep?.Dispose();
        _sweep = null;
        var forgotten = 0;
        foreach (var day in state.State.Days.Keys.ToArray())
        {
            for (var shard = 0; shard < RetentionBuckets.Shards; shard++)
            {
                var bucket = GrainFactory.GetGrain<IRetentionBucketGrain>(RetentionBuckets.Key(Tenant, day, shard));
                var conversations = await bucket.ListAsync();
                foreach (var batch in conversations.Chunk(options.Value.SweepConcurrency))
                {
                    await Task.WhenAll(batch.Select(c => ForgetShreddedAsync(GrainFactory.GetGrain<IConversationGrain>(GrainKeys.Compose(Tenant, c)))));
                }

                if (conversations.Count > 0)
                {
                    await bucket.RemoveAsync(conversations);
                }

                forgotten += conversations.Count;
            }
        }

        if (await this.GetReminder(SweepReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderSet = false;

        // Its row may be gone already: a deletion retried after the storage sweep comes here again.
        await state.ForgetStoredAsync();
        DeactivateOnIdle();
        return forgotten;
    }

    // The tenant's keys are destroyed before this runs: a conversation that cannot activate any more (nor one whose
    // row is unreadable) held nothing in memory, and the storage sweep takes its row.
    private static async Task ForgetShreddedAsync(IConversationGrain conversation)
    {
        try
        {
            await conversation.ForgetAsync();
        }
        catch (Exception ex) when (DataKeyDestroyed.Caused(ex) || DataKeyDestroyed.Unreadable(ex))
        {
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == SweepReminder && _turns.Tick())
        {
            StartSweep();
        }

        return Task.CompletedTask;
    }

    private async Task RunSweepAsync(CancellationToken cancellation)
    {
        try
        {
            var tenant = GrainFactory.GetGrain<ITenantGrain>(Tenant);
            if (await tenant.GetLegalHoldAsync() is not null)
            {
                _progress = _progress! with { TenantHeld = true };
                return;
            }

            var policy = await tenant.GetRetentionPolicyAsync();

            // The audit log's own category: its whole segments past the period go (held tenants keep them too).
            await ExpireAuditAsync(policy);
            foreach (var (day, stage) in state.State.Days.ToArray())
            {
                var due = RetentionBuckets.DueFor(policy, day, stage, time.GetUtcNow(), options.Value.ReplayWindow);
                if (due == RetentionDue.Nothing || cancellation.IsCancellationRequested)
                {
                    continue;
                }

                if (!await SweepDayAsync(tenant, policy, day, due))
                {
                    return;
                }
            }
        }
        catch (Exception ex)
        {
            // The days not finished stay as they are; the next reminder tries them again.
            LogSweepFailed(ex, Tenant);
            _progress = _progress! with { Failed = _progress.Failed + 1 };
        }
        finally
        {
            _progress = _progress! with { Running = false, FinishedAt = time.GetUtcNow() };
            var report = _progress;
            await ChangeAsync(() =>
            {
                state.State.LastSweep = report;
                return true;
            });
            LogSwept(Tenant, report.DaysDone, report.Purged, report.Deleted, report.Failed);
            metrics.Swept(report.Purged, report.Deleted, report.Forgotten);
            if (!_forgetting)
            {
                await AuditAsync(report);
            }

            _sweep?.Dispose();
            _sweep = null;
            if (_turns.Finish())
            {
                StartSweep();
            }
        }
    }

    // False when a tenant-wide hold was set meanwhile: the sweep stops where it is.
    private async Task<bool> SweepDayAsync(ITenantGrain tenant, RetentionPolicy policy, DateOnly day, RetentionDue due)
    {
        var generation = _generations.GetValueOrDefault(day);
        var failed = 0;
        for (var shard = 0; shard < RetentionBuckets.Shards; shard++)
        {
            if (await tenant.GetLegalHoldAsync() is not null)
            {
                _progress = _progress! with { TenantHeld = true };
                return false;
            }

            var bucket = GrainFactory.GetGrain<IRetentionBucketGrain>(RetentionBuckets.Key(Tenant, day, shard));
            var conversations = await bucket.ListAsync();
            var finished = new List<string>(conversations.Count);
            foreach (var chunk in conversations.Chunk(options.Value.SweepConcurrency))
            {
                var outcomes = await Task.WhenAll(chunk.Select(c => ApplyAsync(c, policy)));
                for (var i = 0; i < chunk.Length; i++)
                {
                    if (outcomes[i] is null)
                    {
                        failed++;
                    }
                    else if (outcomes[i] != RetentionOutcome.Held)
                    {
                        // A held conversation stays in its bucket; lifting the hold makes its day due again.
                        finished.Add(chunk[i]);
                    }
                }

                Count(outcomes);
            }

            if (due == RetentionDue.Forget && finished.Count > 0)
            {
                await bucket.RemoveAsync(finished);
            }
        }

        if (failed > 0)
        {
            // Something is left: the day stays to do.
            return true;
        }

        var done = false;
        await ChangeAsync(() =>
        {
            // Checked here, where nothing can interleave: a close indexed meanwhile keeps the day to do.
            if (_generations.GetValueOrDefault(day) != generation)
            {
                return false;
            }

            done = true;
            if (due == RetentionDue.Forget)
            {
                state.State.Days.Remove(day);
            }
            else
            {
                state.State.Days[day] = due == RetentionDue.Delete ? RetentionStage.Tombstoned : RetentionStage.PersonalDataPurged;
            }

            return true;
        });
        if (done)
        {
            _progress = _progress! with { DaysDone = _progress.DaysDone + 1 };
        }

        return true;
    }

    // Apart from the conversations: a failure here must not hold back their purge.
    private async Task ExpireAuditAsync(RetentionPolicy policy)
    {
        try
        {
            await GrainFactory.GetGrain<IAuditLogGrain>(Tenant).ExpireAsync(time.GetUtcNow().AddDays(-policy.AuditPeriodDays));
        }
        catch (Exception ex)
        {
            LogAuditFailed(ex, Tenant);
        }
    }

    private async Task AuditAsync(RetentionSweepReport report)
    {
        try
        {
            await GrainFactory.GetGrain<IAuditLogGrain>(Tenant).AppendAsync(new AuditRecord(
                "system",
                "retention.swept",
                $"started={report.StartedAt.UtcDateTime:O}",
                report.TenantHeld ? "held" : report.Failed == 0 ? "done" : "partial",
                $"days={report.DaysDone} purged={report.Purged} deleted={report.Deleted} forgotten={report.Forgotten} held={report.Held} unchanged={report.Unchanged} failed={report.Failed}"));
        }
        catch (Exception ex)
        {
            LogAuditFailed(ex, Tenant);
        }
    }

    private async Task<RetentionOutcome?> ApplyAsync(string conversation, RetentionPolicy policy)
    {
        try
        {
            return await GrainFactory.GetGrain<IConversationGrain>(GrainKeys.Compose(Tenant, conversation)).ApplyRetentionAsync(policy);
        }
        catch (Exception ex)
        {
            LogConversationFailed(ex, Tenant);
            return null;
        }
    }

    private void Count(RetentionOutcome?[] outcomes)
    {
        var progress = _progress!;
        _progress = progress with
        {
            Purged = progress.Purged + outcomes.Count(o => o == RetentionOutcome.PersonalDataPurged),
            Deleted = progress.Deleted + outcomes.Count(o => o == RetentionOutcome.Deleted),
            Forgotten = progress.Forgotten + outcomes.Count(o => o == RetentionOutcome.Forgotten),
            Held = progress.Held + outcomes.Count(o => o == RetentionOutcome.Held),
            Unchanged = progress.Unchanged + outcomes.Count(o => o == RetentionOutcome.Kept),
            Failed = progress.Failed + outcomes.Count(o => o is null),
        };
    }

    // An unchanged call still waits until what an earlier one changed is stored.
    private Task ChangeAsync(Func<bool> change) => _forgetting ? Task.CompletedTask : this.ChangeOrDeactivateAsync(Writer, change);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep of {Tenant}: {Days} days done, {Purged} conversations purged, {Deleted} deleted, {Failed} failed")]
    private partial void LogSwept(string tenant, int days, long purged, long deleted, long failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep of {Tenant} stopped; the next one goes on where it left off")]
    private partial void LogSweepFailed(Exception exception, string tenant);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry of the retention sweep of {Tenant} could not be stored")]
    private partial void LogAuditFailed(Exception exception, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention of a conversation of {Tenant} failed; its day is swept again next time")]
    private partial void LogConversationFailed(Exception exception, string tenant);
}
