using CraftCX.Security;

namespace CraftCX.Tenants;

/// <summary>
/// The API keys a tenant's settings held before keys had a grain of their own; the keys grain moves them once.
/// Implemented by the tenant grain; key: the tenant id.
/// </summary>
[Alias("craftcx.ILegacyApiKeySource")]
public interface ILegacyApiKeySource : IGrainWithStringKey
{
    /// <remarks>Interleaves: the tenant grain may be waiting on the keys grain (revoking them all) when it activates.</remarks>
    [AlwaysInterleave]
    Task<List<StoredApiKey>> GetLegacyApiKeysAsync();

    /// <summary>Drops them from the tenant's settings, once the keys grain has stored them.</summary>
    [AlwaysInterleave]
    Task ClearLegacyApiKeysAsync();
}
