using CraftCX.Aggregation;
using CraftCX.Privacy;
using CraftCX.Scoring;
using CraftCX.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CraftCX.Tenants;

/// <summary>A tenant's settings and its tenant-wide rolling aggregates (its keys live in <see cref="ApiKeysGrain"/>).</summary>
internal sealed class TenantGrain(
    [PersistentState("tenant-aggregate", StorageNames.Aggregates)] IPersistentState<AggregateState> aggregate,
    [PersistentState("tenant-settings", StorageNames.Tenants)] IPersistentState<TenantSettings> settings,
    TimeProvider time,
    IOptions<AggregationOptions> options,
    ITenantStorageEraser storage,
    ILogger<TenantGrain> logger)
    : ScoreAggregateGrain(aggregate, time, options, logger, AggregateLevel.Tenant, trackAgents: true), ITenantGrain, ILegacyApiKeySource, IRemindable
{
    private const string WindDownReminder = "tenant-wind-down";
    private const string SettingsState = "tenant-settings";
    private static readonly TimeSpan WindDownCheckInterval = TimeSpan.FromHours(1);

    private TenantLifecycleTransitions Lifecycle => new(settings.State.Lifecycle, Now);

    public Task<AiTenantSettings> GetAiSettingsAsync() => Task.FromResult(settings.State.Ai ?? new AiTenantSettings());

    public async Task<AiTenantSettings> SetAiSettingsAsync(AiTenantSettings ai)
    {
        if (ai.TokensPerMinute < 0 || ai.TokensPerDay < 0)
        {
            throw new ArgumentException("Token budgets cannot be negative (0 means no limit).", nameof(ai));
        }

        settings.State.Ai = ai;
        await this.WriteOrDeactivateAsync(settings);
        return ai;
    }

    public Task<RetentionPolicy> GetRetentionPolicyAsync() => Task.FromResult(settings.State.Retention ?? new RetentionPolicy());

    public async Task<RetentionPolicy> SetRetentionPolicyAsync(RetentionPolicy policy)
    {
        RetentionRules.EnsureValid(policy);
        settings.State.Retention = policy;
        await this.WriteOrDeactivateAsync(settings);
        return policy;
    }

    public Task<TenantLifecycle?> GetLifecycleAsync() => Task.FromResult(settings.State.Lifecycle);

    public async Task<TenantLifecycle> RegisterAsync()
    {
        var current = settings.State.Lifecycle;
        var next = Lifecycle.Register();
        if (next == current)
        {
            return next;
        }

        if (current?.State == TenantLifecycleState.Deleted)
        {
            // Created again after a deletion: nothing of before comes back, not even its settings.
            settings.State = new TenantSettings();
        }

        return await StoreAsync(next);
    }

    public Task<TenantLifecycle> SuspendAsync(string? reason) => StoreAsync(Lifecycle.Suspend(reason));

    public async Task<TenantLifecycle> TerminateAsync(string? reason)
    {
        var policy = await GetRetentionPolicyAsync();
        var terminated = Lifecycle.Terminate(reason, TimeSpan.FromDays(policy.WindDownDays));
        await StoreAsync(terminated);

        // After the state is stored: a failure here leaves it terminated, and terminating again revokes the rest.
        await GrainFactory.GetGrain<IApiKeysGrain>(this.GetPrimaryKeyString()).RevokeAllAsync();
        await this.RegisterOrUpdateReminder(WindDownReminder, WindDownCheck(terminated), WindDownCheckInterval);
        return terminated;
    }

    public async Task<TenantLifecycle> RestoreAsync()
    {
        var restored = await StoreAsync(Lifecycle.Restore());
        await UnregisterWindDownAsync();
        return restored;
    }

    public Task<TenantLifecycle> DeleteDataAsync()
    {
        _ = Lifecycle.BeginDeletion();
        return DeleteNowAsync();
    }

    public async Task<TenantLifecycle?> RunWindDownAsync()
    {
        var current = settings.State.Lifecycle;
        var due = current?.State == TenantLifecycleState.Deleting
            || (current is { State: TenantLifecycleState.Terminated, WindDownEndsAt: { } end } && end <= Now);
        return due ? await DeleteNowAsync() : null;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == WindDownReminder)
        {
            await RunWindDownAsync();
        }
    }

    // Crash-safe in this order: marked as deleting first (a restart, or the next reminder, finishes the job); the
    // grains that index data forget it one by one; the storage sweep takes every other row of the tenant; the
    // tenant's own row keeps only the lifecycle, and a new audit log records the deletion.
    private async Task<TenantLifecycle> DeleteNowAsync()
    {
        var started = Now;
        var tenant = this.GetPrimaryKeyString();
        await StoreAsync(Lifecycle.BeginDeletion());
        var conversations = await GrainFactory.GetGrain<IRetentionGrain>(tenant).ForgetTenantAsync();
        await GrainFactory.GetGrain<IApiKeysGrain>(tenant).ForgetAsync();
        await GrainFactory.GetGrain<Audit.IAuditLogGrain>(tenant).ForgetAsync();
        await ForgetAggregateAsync();
        var rows = await storage.EraseAsync(tenant, [SettingsState], CancellationToken.None);
        var report = new TenantDeletionReport(started, Now, conversations, rows);
        var created = settings.State.Lifecycle!.CreatedAt;
        settings.State = new TenantSettings();
        var deleted = await StoreAsync(new TenantLifecycle(TenantLifecycleState.Deleted, report.FinishedAt, created) { Deletion = report });
        await GrainFactory.GetGrain<Audit.IAuditLogGrain>(tenant).AppendAsync(new Audit.AuditRecord(
            "system",
            "tenant.deleted",
            string.Empty,
            "done",
            $"conversations={conversations} rows={(rows?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unswept")}"));
        await UnregisterWindDownAsync();
        return deleted;
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

    // The first check when the wind-down ends (at least a minute away, Orleans' shortest reminder), then hourly.
    private TimeSpan WindDownCheck(TenantLifecycle terminated) =>
        terminated.WindDownEndsAt is { } end && end - Now is { } wait && wait > TimeSpan.FromMinutes(1) ? wait : TimeSpan.FromMinutes(1);

    public Task<LegalHold?> GetLegalHoldAsync() => Task.FromResult(settings.State.LegalHold);

    public async Task SetLegalHoldAsync(LegalHold? hold)
    {
        settings.State.LegalHold = hold;
        await this.WriteOrDeactivateAsync(settings);
    }

    public Task<Scorecard> GetScorecardAsync() => Task.FromResult(settings.State.Scorecard ?? DefaultScorecard.Create());

    public async Task<Scorecard> SetScorecardAsync(Scorecard scorecard)
    {
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
