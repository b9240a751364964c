using Microsoft.Extensions.Options;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace CraftCX.Encryption;

/// <summary>
/// Grain storage that seals each state with its tenant's data key before the database provider stores it, and
/// opens it on read. The whole state is sealed, not field by field: one nonce and tag per row, and a field added
/// later cannot be forgotten. A row stored before encryption was on is read as it is and sealed on its next write.
/// A changed row fails its tag and the grain does not activate; a row of a shredded tenant answers "key destroyed".
/// </summary>
internal sealed class SealedGrainStorage(
    IGrainStorage inner,
    IGrainStorageSerializer serializer,
    TenantDataKeys keys,
    IActivatorProvider activators,
    IOptions<EncryptionOptions> options) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = new GrainState<SealedState>(new SealedState(), grainState.ETag);
        await inner.ReadStateAsync(stateName, grainId, stored);
        grainState.ETag = stored.ETag;
        grainState.RecordExists = stored.RecordExists;
        var payload = stored.State?.Payload ?? [];
        if (!stored.RecordExists || payload.Length == 0)
        {
            grainState.State = activators.GetActivator<T>().Create();
            return;
        }

        var opened = await OpenAsync(payload, stateName, grainId);
        try
        {
            grainState.State = serializer.Deserialize<T>(new BinaryData(opened));
        }
        catch (Exception ex) when (ex is not TamperedValueException)
        {
            // Only a row that was never sealed gets here unopened: a changed magic must not pass for a clear row.
            throw new TamperedValueException($"The stored '{stateName}' state of {grainId} is neither a sealed row nor a readable one.", ex);
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var plaintext = serializer.Serialize(grainState.State).ToMemory();
        byte[] payload;
        if (options.Value.Enabled)
        {
            var tenantKeys = await keys.GetAsync(TenantOf(grainId));
            payload = SealedPayload.Seal(tenantKeys.Current, tenantKeys.CurrentVersion, plaintext.Span, stateName, KeyOf(grainId), options.Value.CompressBeforeSealing);
        }
        else
        {
            payload = plaintext.ToArray();
        }

        var stored = new GrainState<SealedState>(new SealedState(payload), grainState.ETag) { RecordExists = grainState.RecordExists };
        await inner.WriteStateAsync(stateName, grainId, stored);
        grainState.ETag = stored.ETag;
        grainState.RecordExists = stored.RecordExists;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Clearing needs no key: a shredded tenant's rows can still be deleted.
        var stored = new GrainState<SealedState>(new SealedState(), grainState.ETag) { RecordExists = grainState.RecordExists };
        await inner.ClearStateAsync(stateName, grainId, stored);
        grainState.ETag = stored.ETag;
        grainState.RecordExists = stored.RecordExists;
        grainState.State = activators.GetActivator<T>().Create();
    }

    public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);

    private static string KeyOf(GrainId grainId) => grainId.Key.ToString()!;

    /// <summary>Every grain of a tenant is keyed by the tenant id or "tenant/...".</summary>
    internal static string TenantOf(GrainId grainId)
    {
        var key = KeyOf(grainId);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? key : key[..slash];
    }

    private async ValueTask<byte[]> OpenAsync(byte[] payload, string stateName, GrainId grainId)
    {
        if (!SealedPayload.IsSealed(payload))
        {
            return options.Value.AcceptClearRows || !options.Value.Enabled
                ? payload
                : throw new TamperedValueException($"The stored '{stateName}' state of {grainId} is not sealed, and Encryption:AcceptClearRows is off: a row in the clear is refused (set it for the migration of a database written before encryption, then rotate the keys).");
        }

        var version = SealedPayload.KeyVersionOf(payload);
        var tenantKeys = await keys.GetAsync(TenantOf(grainId), needed: version);
        try
        {
            return SealedPayload.Open(tenantKeys.Key(version), payload, stateName, KeyOf(grainId));
        }
        catch (TamperedValueException ex)
        {
            throw new TamperedValueException($"The stored '{stateName}' state of {grainId} failed its integrity check (AES-GCM tag): the row was changed or copied from another grain, so it is not served. Restore the row from a backup, or clear it.", ex);
        }
    }
}
