using System.Globalization;

namespace CraftCX.Encryption;

/// <summary>A tenant's unwrapped data keys on one silo: the version new writes use, and every version still readable.</summary>
internal sealed class DataKeySet(string tenant, int currentVersion, IReadOnlyDictionary<int, byte[]> keys, int destroyedThrough, DateTimeOffset? destroyedAt)
{
    public int CurrentVersion => currentVersion;

    /// <summary>The key new writes use; a tenant whose keys are destroyed has none.</summary>
    public byte[] Current => Key(currentVersion);

    public bool Knows(int version) => keys.ContainsKey(version) || version is >= 1 && version <= destroyedThrough;

    /// <summary>The key of one version; a destroyed one answers "key destroyed", one never made is a broken row.</summary>
    public byte[] Key(int version)
    {
        if (keys.TryGetValue(version, out var key))
        {
            return key;
        }

        // Versions start at 1: anything lower is a changed header, not a destroyed key.
        if (version >= 1 && version <= destroyedThrough)
        {
            var when = destroyedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "earlier";
            throw new DataKeyDestroyedException($"Key destroyed: the data keys of tenant {tenant} were destroyed ({when}, crypto-shredding), so its stored data cannot be read.");
        }

        throw new TamperedValueException($"The stored value needs data key version {version} of tenant {tenant}, which its key store does not have (restored from another key store?).");
    }
}
