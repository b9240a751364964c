using System.Globalization;
using CraftCX.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CraftCX.Encryption;

/// <summary>
/// A tenant's data keys (key: tenant id). New versions are wrapped here with the key-encryption key; silos get
/// them wrapped and unwrap them themselves. A rotation's re-encryption runs from an interleaving timer, resumed by a
/// reminder after a restart, so that status calls answer while it works.
/// </summary>
internal sealed partial class TenantKeyRingGrain(
    [PersistentState("data-keys", StorageNames.Keys)] IPersistentState<TenantKeyRingState> state,
    KeyEncryptionKeySource kek,
    TenantDataKeys localKeys,
    ISealedRows rows,
    IOptions<EncryptionOptions> options,
    TimeProvider time,
    ILogger<TenantKeyRingGrain> logger) : Grain, ITenantKeyRingGrain, IRemindable
{
    private const string ResealReminder = "reseal";
    private IGrainTimer? _reseal;

    private string Tenant => this.GetPrimaryKeyString();

    private TenantKeyRingState Ring => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Ring.Rotation is { FinishedAt: null })
        {
            StartResealTimer();
        }

        return Task.CompletedTask;
    }

    public async Task<WrappedKeyRing> EnsureAsync()
    {
        if (!HasLiveKey)
        {
            AddVersion();
            await this.WriteOrDeactivateAsync(state);
        }

        return View();
    }

    public Task<TenantEncryptionStatus> GetStatusAsync() => Task.FromResult(Status());

    public async Task<TenantEncryptionStatus> RotateAsync(string actor)
    {
        if (Ring.Rotation is { FinishedAt: null })
        {
            return Status();
        }

        if (kek.Problem is { } problem)
        {
            throw new InvalidOperationException($"Nothing is sealed without a key-encryption key ({problem}), so there is nothing to rotate: encryption at rest applies to PostgreSQL storage.");
        }

        var version = AddVersion();
        Ring.Rotation = new KeyRotationProgress(version, time.GetUtcNow(), null, null, 0, 0, 0, null);
        await this.WriteOrDeactivateAsync(state);
        localKeys.Forget(Tenant);
        await this.RegisterOrUpdateReminder(ResealReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
        await Audit(actor, "encryption.key-rotated", "accepted", $"version={version.ToString(CultureInfo.InvariantCulture)}");
        LogRotated(logger, Tenant, version);
        StartResealTimer();
        return Status();
    }

    public async Task DestroyAsync(string actor)
    {
        if (Ring.Keys.Count > 0 || Ring.DestroyedAt is null)
        {
            Ring.DestroyedThrough = Math.Max(Ring.DestroyedThrough, Ring.Keys.Count == 0 ? Ring.CurrentVersion : Ring.Keys.Max(k => k.Version));
            Ring.Keys.Clear();
            Ring.DestroyedAt = time.GetUtcNow();
            Ring.Rotation = null;
            await this.WriteOrDeactivateAsync(state);
            LogDestroyed(logger, Tenant, Ring.DestroyedThrough, actor);
        }

        localKeys.Forget(Tenant);
        _reseal?.Dispose();
        _reseal = null;
        if (await this.GetReminder(ResealReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Ring.Rotation is { FinishedAt: null })
        {
            StartResealTimer();
        }
        else if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private bool HasLiveKey => Ring.Keys.Any(k => k.Version == Ring.CurrentVersion);

    private int AddVersion()
    {
        var version = Math.Max(Ring.DestroyedThrough, Ring.Keys.Count == 0 ? 0 : Ring.Keys.Max(k => k.Version)) + 1;
        var key = KeyEncryptionKey.NewDataKey();
        Ring.Keys.Add(new WrappedDataKey(version, kek.Key.Version, kek.Key.Wrap(Tenant, version, key), time.GetUtcNow()));
        Ring.CurrentVersion = version;
        return version;
    }

    // Other silos write with their cached keys until their copy expires, so the re-encryption starts after that.
    private void StartResealTimer() => _reseal ??= this.RegisterGrainTimer(
        ResealAsync,
        new GrainTimerCreationOptions(Ring.Rotation?.StartedAt is null ? options.Value.KeyCacheTtl : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });

    private async Task ResealAsync(CancellationToken cancellationToken)
    {
        try
        {
            var resealing = new StateResealing(GrainFactory, rows, Tenant, options.Value);
            var progress = Ring.Rotation! with { StartedAt = Ring.Rotation!.StartedAt ?? time.GetUtcNow() };
            // Each pass counts its own failures; a row that failed before is still older and found again.
            progress = progress with { Found = progress.Resealed + await rows.CountOlderAsync(Tenant, progress.ToVersion, cancellationToken), Failed = 0 };
            await StoreProgressAsync(progress);
            progress = await resealing.RunAsync(progress, StoreProgressAsync, cancellationToken);
            if (await rows.CountOlderAsync(Tenant, progress.ToVersion, cancellationToken) == 0)
            {
                await StoreProgressAsync(progress with { FinishedAt = time.GetUtcNow() });
                await Audit("system", "encryption.rows-resealed", "done", $"version={progress.ToVersion.ToString(CultureInfo.InvariantCulture)} rows={progress.Resealed.ToString(CultureInfo.InvariantCulture)}");
                if (await this.GetReminder(ResealReminder) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reminder starts it again; rows already moved are not found again.
            LogResealFailed(logger, ex, Tenant);
        }
        finally
        {
            _reseal?.Dispose();
            _reseal = null;
        }
    }

    private async Task StoreProgressAsync(KeyRotationProgress progress)
    {
        if (Ring.Rotation?.ToVersion != progress.ToVersion)
        {
            throw new OperationCanceledException("The rotation was replaced (the keys were destroyed).");
        }

        Ring.Rotation = progress;
        await this.WriteOrDeactivateAsync(state);
        LogResealProgress(logger, Tenant, progress.ToVersion, progress.Resealed, progress.Found, progress.Failed);
    }

    private Task Audit(string actor, string action, string outcome, string detail) =>
        GrainFactory.GetGrain<IAuditLogGrain>(Tenant).AppendAsync(new AuditRecord(actor, action, "encryption", outcome, detail));

    private WrappedKeyRing View() => new(Ring.CurrentVersion, Ring.Keys.ToArray(), Ring.DestroyedThrough, Ring.DestroyedAt);

    private TenantEncryptionStatus Status() => new(Ring.CurrentVersion, Ring.Keys.Select(k => k.Version).ToArray(), Ring.DestroyedAt, Ring.Rotation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant}: data key version {Version} is now used for new writes; older rows are re-encrypted in the background")]
    private static partial void LogRotated(ILogger logger, string tenant, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant}: re-encryption to key version {Version}: {Resealed} of {Found} rows moved, {Failed} failed")]
    private static partial void LogResealProgress(ILogger logger, string tenant, int version, long resealed, long found, long failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {Tenant}: data keys destroyed through version {Version} (requested by {Actor}); its stored data can no longer be read")]
    private static partial void LogDestroyed(ILogger logger, string tenant, int version, string actor);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tenant {Tenant}: the re-encryption stopped; the reminder starts it again")]
    private static partial void LogResealFailed(ILogger logger, Exception exception, string tenant);
}
