namespace CraftCX.Security;

/// <summary>A tenant's stored API keys, hashed, by key id.</summary>
[GenerateSerializer, Alias("craftcx.api-key-ring.v1")]
internal sealed class ApiKeyRing
{
    [Id(0)] public Dictionary<string, StoredApiKey> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>True once the keys the tenant's settings held before they had a grain of their own were moved here.</summary>
    [Id(1)] public bool MovedFromTenantSettings { get; set; }
}
