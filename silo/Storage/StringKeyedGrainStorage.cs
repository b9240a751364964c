using Orleans.Storage;

namespace CraftCX.Silo.Storage;

/// <summary>
/// Keeps every grain key a string in the ADO.NET rows. The provider stores a key that parses as a hex number or a
/// GUID as those numbers and drops the string, so tenants "cafe" and "0cafe" (both 0xCAFE) shared every row keyed
/// by the tenant id: settings, API keys, key ring, audit log. Such a key is stored with a trailing '/' instead,
/// which no tenant id or grain key holds, and which the tenant's deletion (by "tenant" or "tenant/" prefix) finds.
/// </summary>
internal sealed class StringKeyedGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, Stored(grainId), grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(stateName, Stored(grainId), grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, Stored(grainId), grainState);

    public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);

    /// <summary>The grain id the rows are keyed by: unchanged, unless the provider would store its key as numbers.</summary>
    internal static GrainId Stored(GrainId grainId)
    {
        if (!IsStoredAsNumbers(grainId))
        {
            return grainId;
        }

        // A '+' would make the provider read the part before it as the number again: no key here holds one.
        var stored = GrainId.Create(grainId.Type, grainId.Key.ToString() + StoredSuffix);
        return IsStoredAsNumbers(stored)
            ? throw new InvalidOperationException($"The grain key of {grainId.Type} cannot be stored as a string (it holds a '+').")
            : stored;
    }

    private static bool IsStoredAsNumbers(GrainId grainId) => grainId.TryGetIntegerKey(out _, out _) || grainId.TryGetGuidKey(out _, out _);

    /// <summary>What <see cref="Stored"/> appends; SQL over the rows strips it to get the key back.</summary>
    internal const string StoredSuffix = "/";
}
