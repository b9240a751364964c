using CraftCX.Encryption;
using CraftCX.Aggregation;
using CraftCX.Privacy;
using CraftCX.Scoring;
using CraftCX.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CraftCX.Tenants;

/// <summary>A tenant's settings and its tenant-wide rolling aggregates (its keys live in <see cref="ApiKeysGrain"/>).</summary>
internal sealed partial class TenantGrain(
    [PersistentState("tenant-aggregate", StorageNames.Aggregates)] IPersistentState<AggregateState> aggregate,
    [PersistentState("tenant-settings", StorageNames.Tenants)] IPersistentState<TenantSettings> settings,
    TimeProvider time,
    IOptions<AggregationOptions> options,
    ITenantStorageEraser storage,
    IOptions<RetentionOptions> retention,
    ILogger<TenantGrain> logger)
    : ScoreAggregateGrain(aggregate, time, options, logger, AggregateLevel.Tenant, trackAgents: true), ITenantGrain, ILegacyApiKeySource, IRemindable
{
    private const string WindDownReminder = TenantLifecycle.WindDownReminder;
    // Every silo reads a tenant's state at most every Ingestion:TenantStatusTtl (5 s by default): after this long
    // none is still writing the tenant's events.
    private static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan WindDownCheckInterval = TimeSpan.FromHours(1);

    private IGrainTimer? _deletion;
    private int _failedDeletions;
    private string _deletionRequestedBy = "wind-down";

    private TenantLifecycleTransitions Lifecycle => new(settings.State.Lifecycle, Now);

    public Task<AiTenantSettings> GetAiSettingsAsync() => Task.FromResult(settings.State.Ai ?? new AiTenantSettings());

    public async Task<AiTenantSettings> SetAiSettingsAsync(AiTenantSettings ai)
    {
        EnsureNotDeleting();
        if (ai.TokensPerMinute < 0 || ai.TokensPerDay < 0)
        {
            throw new ArgumentException("Token budgets cannot be negative (0 means no limit).", nameof(ai));
        }

        settings.State.Ai = ai;
        await this.WriteOrDeactivateAsync(settings);
        return ai;
    }

    public Task<RetentionPolicy> GetRetentionPolicyAsync() => Task.FromResult(settings.State.Retention ?? new RetentionPolicy());

    protected override ValueTask<bool> TenantDeletingAsync() =>
        ValueTask.FromResult(settings.State.Lifecycle?.State is TenantLifecycleState.Deleting or TenantLifecycleState.Deleted);

    protected override Task<int> HistoryMonthsAsync() => Task.FromResult((settings.State.Retention ?? new RetentionPolicy()).HistoryPeriodMonths);

    public async Task<RetentionPolicy> SetRetentionPolicyAsync(RetentionPolicy policy)
    {
        EnsureNotDeleting();
        RetentionRules.EnsureValid(policy);
        settings.State.Retention = policy;
        await this.WriteOrDeactivateAsync(settings);
        return policy;
    }

    public Task<TenantLifecycle?> GetLifecycleAsync() => Task.FromResult(settings.State.Lifecycle);

    public async Task<TenantLifecycle> RegisterAsync()
    {
        var current = settings.State.Lifecycle;
        var next = Lifecycle.Register(retention.Value.ReplayWindow);
        if (next == current)
        {
            return next;
        }

        if (current?.State == TenantLifecycleState.Deleted)
        {
            // Created again after a deletion: nothing of before comes back, not even its settings; new data gets
            // new keys (the destroyed ones stay destroyed).
            settings.State = new TenantSettings();
            await GrainFactory.GetGrain<ITenantKeyRingGrain>(this.GetPrimaryKeyString()).AllowNewKeysAsync();
        }

        return await StoreAsync(next);
    }

    public Task<TenantLifecycle> SuspendAsync(string? reason) => StoreAsync(Lifecycle.Suspend(reason));

    public async Task<TenantLifecycle> TerminateAsync(string? reason)
    {
        var policy = await GetRetentionPolicyAsync();
        var terminated = Lifecycle.Terminate(reason, TimeSpan.FromDays(policy.WindDownPeriodDays));

        // The reminder first: stored terminated without one, the data would never go; one without the state finds
        // nothing due and goes away. Then the keys, after the state: terminating again revokes what a failure left.
        await this.RegisterOrUpdateReminder(WindDownReminder, WindDownCheck(terminated), WindDownCheckInterval);
        await StoreAsync(terminated);
        await GrainFactory.GetGrain<IApiKeysGrain>(this.GetPrimaryKeyString()).RevokeAllAsync();
        return terminated;
    }

    public async Task<TenantLifecycle> RestoreAsync()
    {
        var restored = await StoreAsync(Lifecycle.Restore());
        await UnregisterWindDownAsync();
        return restored;
    }

    public async Task<TenantLifecycle> DeleteDataAsync()
    {
        var current = settings.State.Lifecycle;
        if (current is { State: TenantLifecycleState.Terminated } && Now - current.Since < SettleTime)
        {
            throw new InvalidOperationException($"The tenant was terminated less than {SettleTime.TotalMinutes:0} minute ago; wait until every silo has stopped taking its events.");
        }

        var deleting = await StartDeletionAsync();
        _deletionRequestedBy = "operator";
        return deleting;
    }

    public async Task<TenantLifecycle?> RunWindDownAsync()
    {
        var current = settings.State.Lifecycle;
        if (current?.State == TenantLifecycleState.Deleting
            || (current is { State: TenantLifecycleState.Terminated, WindDownEndsAt: { } end } && end <= Now))
        {
            return settings.State.LegalHold is null ? await StartDeletionAsync() : null;
        }

        if (current?.State != TenantLifecycleState.Terminated)
        {
            // Restored, or deleted already: nothing left for the reminder to do.
            await UnregisterWindDownAsync();
        }

        return null;
    }

    public override async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == WindDownReminder)
        {
            await RunWindDownAsync();
            return;
        }

        await base.ReceiveReminder(reminderName, status);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (settings.State.Lifecycle?.State == TenantLifecycleState.Deleting && settings.State.LegalHold is null)
        {
            // A silo stopped in the middle of a deletion: this activation finishes it.
            StartDeletionTimer();
        }
    }

    // Marked as deleting first; the deletion itself runs in a timer that interleaves, so the tenant's reads (its
    // scorecard, its policy, its state) keep answering the grains the deletion waits for.
    private async Task<TenantLifecycle> StartDeletionAsync()
    {
        if (settings.State.LegalHold is not null)
        {
            throw new InvalidOperationException("The tenant is under a legal hold: its data stays until the hold is lifted.");
        }

        var deleting = settings.State.Lifecycle?.State == TenantLifecycleState.Deleting
            ? settings.State.Lifecycle
            : await StoreAsync(Lifecycle.BeginDeletion());
        StartDeletionTimer();
        return deleting;
    }

    private void StartDeletionTimer(TimeSpan? after = null) => _deletion ??= this.RegisterGrainTimer(
        DeleteNowAsync,
        new GrainTimerCreationOptions(after ?? TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });

    private async Task DeleteNowAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (settings.State.LegalHold is not null)
            {
                // Set between the start and now (before the state said deleting): the data stays.
                return;
            }

            var started = Now;

            // Writers that act on their own (history sends) see the deletion within this time and stop.
            if (settings.State.Lifecycle is { State: TenantLifecycleState.Deleting } deleting && Now - deleting.Since < TenantLifecycleCache.QuietTime)
            {
                await Task.Delay(TenantLifecycleCache.QuietTime - (Now - deleting.Since), Time, cancellationToken);
            }

            var deletion = new TenantDataDeletion(GrainFactory, storage, this.GetPrimaryKeyString());

            // Out of the peer benchmarks first: the registry is the one row outside the tenant's own keys naming it.
            await GrainFactory.GetGrain<PeerBenchmarks.IPeerBenchmarkParticipantsGrain>(PeerBenchmarks.PeerBenchmarkKeys.Global).SetAsync(this.GetPrimaryKeyString(), participates: false);
            var (conversations, rows) = await deletion.RunAsync(ForgetAggregateAsync, cancellationToken);
            var created = settings.State.Lifecycle!.CreatedAt;
            settings.State = new TenantSettings();
            await StoreAsync(new TenantLifecycle(TenantLifecycleState.Deleted, Now, created) { Deletion = new TenantDeletionReport(started, Now, conversations, rows) });
            await deletion.RecordAsync(conversations, rows, _deletionRequestedBy);
            await UnregisterWindDownAsync();
            _failedDeletions = 0;
        }
        catch (Exception ex)
        {
            // Still marked as deleting: tried again soon (a timeout under load must not wait for the hourly
            // reminder), every minute at most, and by the reminder or the next activation if this one goes.
            _failedDeletions++;
            LogDeletionFailed(Logger, ex, this.GetPrimaryKeyString());
        }
        finally
        {
            _deletion?.Dispose();
            _deletion = null;
        }

        if (_failedDeletions > 0 && settings.State.Lifecycle?.State == TenantLifecycleState.Deleting)
        {
            StartDeletionTimer(TimeSpan.FromSeconds(Math.Min(60, 5 * _failedDeletions)));
        }
    }

    // The deletion writes these settings from its timer; nothing else may write them meanwhile, or afterwards.
    private void EnsureNotDeleting()
    {
        if (settings.State.Lifecycle?.State is TenantLifecycleState.Deleting or TenantLifecycleState.Deleted)
        {
            throw new InvalidOperationException($"The tenant is {settings.State.Lifecycle.State.ToString().ToLowerInvariant()}: its settings cannot change.");
        }
    }

    private async Task<TenantLifecycle> StoreAsync(TenantLifecycle lifecycle)
    {
        settings.State.Lifecycle = lifecycle;
        await this.WriteOrDeactivateAsync(settings);
        return lifecycle;
    }

    private async Task UnregisterWindDownAsync()
    {
        if (await this.GetReminder(WindDownReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    // The first check when the wind-down ends, within what Orleans' reminders allow (a minute to 49 days; a
    // longer wind-down is reached by the hourly checks), then hourly.
    private TimeSpan WindDownCheck(TenantLifecycle terminated) =>
        terminated.WindDownEndsAt is { } end ? TimeSpan.FromTicks(Math.Clamp((end - Now).Ticks, TimeSpan.FromMinutes(1).Ticks, TimeSpan.FromDays(1).Ticks)) : TimeSpan.FromMinutes(1);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleting the data of tenant {Tenant} stopped; the next wind-down check starts it again")]
    private static partial void LogDeletionFailed(ILogger logger, Exception exception, string tenant);

    public Task<LegalHold?> GetLegalHoldAsync() => Task.FromResult(settings.State.LegalHold);

    public async Task SetLegalHoldAsync(LegalHold? hold)
    {
        EnsureNotDeleting();
        settings.State.LegalHold = hold;
        await this.WriteOrDeactivateAsync(settings);
    }

    public Task<Scorecard> GetScorecardAsync() => Task.FromResult(settings.State.Scorecard ?? DefaultScorecard.Create());

    public async Task<Scorecard> SetScorecardAsync(Scorecard scorecard)
    {
        EnsureNotDeleting();
        ScorecardValidator.EnsureValid(scorecard);
        var previous = settings.State.Scorecard ?? DefaultScorecard.Create();
        if (scorecard.Version <= previous.Version)
        {
            // Silos reuse a compilation while id and version are unchanged: every edit gets a new version.
            scorecard = scorecard with { Version = previous.Version + 1 };
        }

        settings.State.Scorecard = scorecard;
        await this.WriteOrDeactivateAsync(settings);
        return scorecard;
    }

    public Task<List<StoredApiKey>> GetLegacyApiKeysAsync() => Task.FromResult(settings.State.ApiKeys.Values.ToList());

    public async Task ClearLegacyApiKeysAsync()
    {
        if (settings.State.ApiKeys.Count > 0)
        {
            settings.State.ApiKeys.Clear();
            await this.WriteOrDeactivateAsync(settings);
        }
    }
}
