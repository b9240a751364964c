using System.Globalization;
using CraftCX.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CraftCX.Encryption;

/// <summary>
/// A tenant's data keys (key: tenant id). New versions are wrapped here with the key-encryption key; silos get
/// them wrapped and unwrap them themselves. A rotation's re-encryption runs from an interleaving timer, resumed by a
/// reminder after a restart, so that status calls answer while it works; every change of the ring takes one gate,
/// so the timer's progress writes never race a rotation or a destruction.
/// </summary>
internal sealed partial class TenantKeyRingGrain(
    [PersistentState(KeyRingStorage.StateName, StorageNames.Keys)] IPersistentState<TenantKeyRingState> state,
    KeyEncryptionKeySource kek,
    TenantDataKeys localKeys,
    ISealedRows rows,
    IOptions<EncryptionOptions> options,
    TimeProvider time,
    ILogger<TenantKeyRingGrain> logger) : Grain, ITenantKeyRingGrain, IRemindable
{
    private const string ResealReminder = "reseal";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IGrainTimer? _reseal;
    private CancellationTokenSource? _resealCancel;

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

    public async Task<KeyRingRewrap> RewrapAsync(int toVersion)
    {
        if (kek.Problem is { } problem)
        {
            throw new InvalidOperationException($"No key-encryption key is configured ({problem}).");
        }

        if (kek.Key.Version != toVersion)
        {
            throw new InvalidOperationException($"The key ring of tenant {Tenant} is served by a silo whose current key-encryption key is version {kek.Key.Version.ToString(CultureInfo.InvariantCulture)}, not {toVersion.ToString(CultureInfo.InvariantCulture)}: give every silo the new key, then run the pass again.");
        }

        await _gate.WaitAsync();
        try
        {
            return new KeyRingRewrap(await RewrapCoreAsync(), WrappedBy());
        }
        finally
        {
            _gate.Release();
        }
    }

    // A ring wrapped by an older key-encryption key moves when a silo first loads it. A failure (the older key not
    // configured, the key store unwritable) only logs: the ring is served as it is stored, and the silo's unwrap
    // then names the setting that is missing.
    private async Task MoveOnFirstUseAsync()
    {
        if (kek.Problem is not null || Ring.Keys.All(k => k.WrappingKeyVersion >= kek.Key.Version))
        {
            return;
        }

        await _gate.WaitAsync();
        try
        {
            await RewrapCoreAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRewrapFailed(logger, ex, Tenant);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<WrappedKeyRing> EnsureAsync()
    {
        await MoveOnFirstUseAsync();
        if (HasLiveKey)
        {
            return View();
        }

        await _gate.WaitAsync();
        try
        {
            if (!HasLiveKey)
            {
                await EnsureNotShreddedAsync();
                await AddVersionAsync();
                await this.WriteOrDeactivateAsync(state);
            }

            return View();
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<TenantEncryptionStatus> GetStatusAsync() => Task.FromResult(Status());

    public async Task<TenantEncryptionStatus> RotateAsync(string actor)
    {
        int version;
        await _gate.WaitAsync();
        try
        {
            if (Ring.Rotation is { FinishedAt: null })
            {
                return Status();
            }

            if (kek.Problem is { } problem || !options.Value.Enabled)
            {
                throw new InvalidOperationException($"Nothing is sealed ({kek.Problem ?? "Encryption:Enabled is off"}), so there is nothing to rotate: encryption at rest applies to PostgreSQL storage with a key-encryption key.");
            }

            await EnsureNotShreddedAsync();
            version = await AddVersionAsync();
            Ring.Rotation = new KeyRotationProgress(version, time.GetUtcNow(), null, null, 0, 0, 0, null);
            await this.WriteOrDeactivateAsync(state);
            localKeys.Forget(Tenant);
            await this.RegisterOrUpdateReminder(ResealReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
        }
        finally
        {
            _gate.Release();
        }

        await Audit(actor, "encryption.key-rotated", "accepted", $"version={version.ToString(CultureInfo.InvariantCulture)}");
        LogRotated(logger, Tenant, version);
        StartResealTimer();
        return Status();
    }

    public async Task DestroyAsync(string actor)
    {
        // A re-encryption under way stops first: it must not write (and ask for keys) after this.
        if (_resealCancel is { } cancel)
        {
            await cancel.CancelAsync();
        }

        await _gate.WaitAsync();
        try
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
            await UnregisterResealReminderAsync();
        }
        finally
        {
            _gate.Release();
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

    // Only ever to a newer key: a silo not yet given the new key leaves rings that newer silos moved alone.
    private async Task<int> RewrapCoreAsync()
    {
        var current = kek.Key;
        if (Ring.Keys.All(k => k.WrappingKeyVersion >= current.Version))
        {
            return 0;
        }

        var from = Ring.Keys.Where(k => k.WrappingKeyVersion < current.Version).Select(k => k.WrappingKeyVersion).Distinct().Order().ToArray();
        var rewrapped = new List<WrappedDataKey>(Ring.Keys.Count);
        var moved = 0;
        foreach (var key in Ring.Keys)
        {
            if (key.WrappingKeyVersion >= current.Version)
            {
                rewrapped.Add(key);
                continue;
            }

            var clear = await kek.For(key.WrappingKeyVersion).UnwrapDataKeyAsync(Tenant, key.Version, key.Wrapped);
            try
            {
                rewrapped.Add(key with { WrappingKeyVersion = current.Version, Wrapped = await current.WrapDataKeyAsync(Tenant, key.Version, clear) });
                moved++;
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(clear);
            }
        }

        // Every key opened, so the ring moves whole; if the write fails, memory goes back to what is stored.
        var stored = Ring.Keys;
        Ring.Keys = rewrapped;
        try
        {
            await this.WriteOrDeactivateAsync(state);
        }
        catch
        {
            Ring.Keys = stored;
            throw;
        }

        var fromText = string.Join(',', from.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        LogRewrapped(logger, Tenant, moved, fromText, current.Version);
        try
        {
            await Audit("system", "encryption.kek-rewrapped", "done", $"from={fromText} to={current.Version.ToString(CultureInfo.InvariantCulture)} keys={moved.ToString(CultureInfo.InvariantCulture)}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The move stands (it is in the log line above); a missing audit entry must not undo or hide it.
            LogRewrapNotAudited(logger, ex, Tenant);
        }

        return moved;
    }

    private int[] WrappedBy() => Ring.Keys.Select(k => k.WrappingKeyVersion).Distinct().Order().ToArray();

    private bool HasLiveKey => Ring.Keys.Any(k => k.Version == Ring.CurrentVersion);

    private async Task<int> AddVersionAsync()
    {
        var version = Math.Max(Ring.DestroyedThrough, Ring.Keys.Count == 0 ? 0 : Ring.Keys.Max(k => k.Version)) + 1;
        var key = KeyEncryptionKey.NewDataKey();
        try
        {
            Ring.Keys.Add(new WrappedDataKey(version, kek.Key.Version, await kek.Key.WrapDataKeyAsync(Tenant, version, key), time.GetUtcNow()));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        }

        Ring.CurrentVersion = version;
        return version;
    }

    public async Task AllowNewKeysAsync()
    {
        await _gate.WaitAsync();
        try
        {
            Ring.RecreatedAt = time.GetUtcNow();
            await this.WriteOrDeactivateAsync(state);
        }
        finally
        {
            _gate.Release();
        }
    }

    // After a destruction, new keys only for a tenant created again since (the tenant grain says so when it is): a
    // late write of the shredded tenant, or a silo running on a restored backup, must not open a fresh key and store
    // readable data under it. Told, not asked: the deletion itself waits on calls that end here.
    private Task EnsureNotShreddedAsync()
    {
        if (Ring.DestroyedAt is { } destroyedAt && !(Ring.RecreatedAt > destroyedAt))
        {
            throw new DataKeyDestroyedException($"Key destroyed: the data keys of tenant {Tenant} were destroyed ({destroyedAt.ToString("u", CultureInfo.InvariantCulture)}, crypto-shredding); no new key is made until the tenant is created again.");
        }

        return Task.CompletedTask;
    }

    // Other silos write with their cached keys until their copy expires, so the re-encryption starts after that.
    private void StartResealTimer()
    {
        if (_reseal is not null)
        {
            return;
        }

        _resealCancel = new CancellationTokenSource();
        _reseal = this.RegisterGrainTimer(
            ResealAsync,
            new GrainTimerCreationOptions(Ring.Rotation?.StartedAt is null ? options.Value.KeyCacheTtl : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
    }

    private async Task ResealAsync(CancellationToken timerCancellation)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(timerCancellation, _resealCancel!.Token);
        var cancellationToken = cancellation.Token;
        try
        {
            if (Ring.Rotation is not { FinishedAt: null } rotation)
            {
                return;
            }

            // Each pass counts its own failures; a row that failed before is still older and found again.
            var progress = rotation with { StartedAt = rotation.StartedAt ?? time.GetUtcNow(), Failed = 0 };
            progress = progress with { Found = progress.Resealed + await rows.CountOlderAsync(Tenant, progress.ToVersion, cancellationToken) };
            await StoreProgressAsync(progress, finished: false);
            progress = await new StateResealing(GrainFactory, rows, Tenant, options.Value).RunAsync(progress, p => StoreProgressAsync(p, finished: false), cancellationToken);

            // Done when every row left behind is one that failed this pass (a tampered row, say): the status keeps
            // their count and the last error, and a new rotation can start.
            var left = await rows.CountOlderAsync(Tenant, progress.ToVersion, cancellationToken);
            if (left <= progress.Failed)
            {
                await StoreProgressAsync(progress with { FinishedAt = time.GetUtcNow(), Failed = left }, finished: true);
                await Audit("system", "encryption.rows-resealed", left == 0 ? "done" : "done-with-failures", $"version={progress.ToVersion.ToString(CultureInfo.InvariantCulture)} rows={progress.Resealed.ToString(CultureInfo.InvariantCulture)} failed={left.ToString(CultureInfo.InvariantCulture)}");
            }
        }
        catch (OperationCanceledException)
        {
            // Destroyed, or the grain is going: a reminder (if the rotation still stands) starts it again.
        }
        catch (Exception ex)
        {
            // The reminder starts it again; rows already moved are not found again.
            LogResealFailed(logger, ex, Tenant);
        }
        finally
        {
            _reseal?.Dispose();
            _reseal = null;
            _resealCancel?.Dispose();
            _resealCancel = null;

            // A rotation that came while this pass was finishing has its own timer now.
            if (Ring.Rotation is { FinishedAt: null } && !cancellationToken.IsCancellationRequested)
            {
                StartResealTimer();
            }
        }
    }

    private async Task StoreProgressAsync(KeyRotationProgress progress, bool finished)
    {
        await _gate.WaitAsync();
        try
        {
            if (Ring.Rotation?.ToVersion != progress.ToVersion || Ring.Rotation.FinishedAt is not null)
            {
                throw new OperationCanceledException("The rotation was replaced (the keys were destroyed).");
            }

            Ring.Rotation = progress;
            await this.WriteOrDeactivateAsync(state);
            if (finished)
            {
                await UnregisterResealReminderAsync();
            }
        }
        finally
        {
            _gate.Release();
        }

        LogResealProgress(logger, Tenant, progress.ToVersion, progress.Resealed, progress.Found, progress.Failed);
    }

    private async Task UnregisterResealReminderAsync()
    {
        if (await this.GetReminder(ResealReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private Task Audit(string actor, string action, string outcome, string detail) =>
        GrainFactory.GetGrain<IAuditLogGrain>(Tenant).AppendAsync(new AuditRecord(actor, action, "encryption", outcome, detail));

    private WrappedKeyRing View() => new(Ring.CurrentVersion, Ring.Keys.ToArray(), Ring.DestroyedThrough, Ring.DestroyedAt);

    private TenantEncryptionStatus Status() =>
        new(Ring.CurrentVersion, Ring.Keys.Select(k => k.Version).ToArray(), Ring.DestroyedAt, Ring.Rotation, WrappedBy());

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant}: data key version {Version} is now used for new writes; older rows are re-encrypted in the background")]
    private static partial void LogRotated(ILogger logger, string tenant, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant}: re-encryption to key version {Version}: {Resealed} of {Found} rows moved, {Failed} failed")]
    private static partial void LogResealProgress(ILogger logger, string tenant, int version, long resealed, long found, long failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {Tenant}: data keys destroyed through version {Version} (requested by {Actor}); its stored data can no longer be read")]
    private static partial void LogDestroyed(ILogger logger, string tenant, int version, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant}: {Keys} data keys wrapped again, from key-encryption key version {From} to {To}")]
    private static partial void LogRewrapped(ILogger logger, string tenant, int keys, string from, int to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {Tenant}: its data keys were wrapped again, but the audit entry could not be written")]
    private static partial void LogRewrapNotAudited(ILogger logger, Exception exception, string tenant);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tenant {Tenant}: its data keys could not be wrapped again under the current key-encryption key")]
    private static partial void LogRewrapFailed(ILogger logger, Exception exception, string tenant);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tenant {Tenant}: the re-encryption stopped; the reminder starts it again")]
    private static partial void LogResealFailed(ILogger logger, Exception exception, string tenant);
}
