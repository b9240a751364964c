using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace CraftCX.Encryption;

/// <summary>
/// At start, before the silo serves: each configured key-encryption key must open the check value the first silo
/// stored for its version. A wrong key stops the silo with the setting named, instead of failing every read or
/// wrapping new data keys that the rest of the cluster cannot open. A version seen for the first time stores one.
/// </summary>
internal sealed partial class KeyEncryptionKeyCheck(
    [FromKeyedServices(StorageNames.Keys)] IGrainStorage keyStore,
    KeyEncryptionKeySource kek,
    TimeProvider time,
    ILogger<KeyEncryptionKeyCheck> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private const string StateName = "kek-check";
    private static readonly byte[] CheckValue = new byte[FieldCipher.KeySize];

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(KeyEncryptionKeyCheck), ServiceLifecycleStage.RuntimeInitialize + 1, CheckAsync);

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        await kek.LoadAsync(cancellationToken);
        await CheckAsync(kek.Key, "Encryption:KeyEncryptionKey (or Encryption:KeyEncryptionKeyFile, Encryption:KeyVaultSecretUri, Encryption:KeyVaultKeyId)", cancellationToken);

        // Another key too: the previous one must be the one its version was used with, or the rings it wrapped would
        // not open; the next one, seen first here, stores its check value, so that every silo must agree on it.
        foreach (var (version, other) in kek.Others)
        {
            var v = version.ToString(CultureInfo.InvariantCulture);
            await CheckAsync(other, $"Encryption:OtherKeyEncryptionKeys:{v} (or Encryption:OtherKeyEncryptionKeyFiles:{v}, Encryption:OtherKeyVaultKeyIds:{v})", cancellationToken);
        }
    }

    private async Task CheckAsync(IKeyEncryptionKey key, string setting, CancellationToken cancellationToken)
    {
        try
        {
            await CheckOrStoreAsync(key, setting, cancellationToken);
        }
        catch (KeyEncryptionKeyRefusedException ex)
        {
            // A vault that refuses the key's use: a settings failure, named as the vault key names it.
            throw new OptionsValidationException(EncryptionOptions.Section, typeof(EncryptionOptions), [ex.Message]);
        }
    }

    private async Task CheckOrStoreAsync(IKeyEncryptionKey key, string setting, CancellationToken cancellationToken)
    {
        // A '.' no tenant id can hold: a tenant's deletion sweep (keys "tenant" and "tenant/...") never takes this row.
        var grainId = GrainId.Create(StateName, "kek.v" + key.Version.ToString(CultureInfo.InvariantCulture));
        var check = new GrainState<KeyCheckState>(new KeyCheckState());
        await keyStore.ReadStateAsync(StateName, grainId, check);
        if (!check.RecordExists)
        {
            check.State = new KeyCheckState { Wrapped = await key.WrapAsync(CheckValue, KeyWrapping.CheckContext, cancellationToken), CreatedAt = time.GetUtcNow() };
            try
            {
                await keyStore.WriteStateAsync(StateName, grainId, check);
                LogFirstUse(logger, key.Version);
                return;
            }
            catch (InconsistentStateException)
            {
                // Another silo starting at the same time stored its check value first: check against that one.
                check = new GrainState<KeyCheckState>(new KeyCheckState());
                await keyStore.ReadStateAsync(StateName, grainId, check);
            }
        }

        var stored = check.State ?? new KeyCheckState();
        try
        {
            await key.UnwrapAsync(stored.Wrapped, KeyWrapping.CheckContext, cancellationToken);
        }
        catch (TamperedValueException)
        {
            throw new OptionsValidationException(EncryptionOptions.Section, typeof(EncryptionOptions), [
                $"{setting} is not the key-encryption key version {key.Version} that this key store was first used with on {stored.CreatedAt:u}: the silo would not open the data keys it wrapped. Configure the same key on every silo.",
            ]);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Key-encryption key version {Version} is used with this key store for the first time; its check value is stored")]
    private static partial void LogFirstUse(ILogger logger, int version);
}
