namespace CraftCX.Tenants;

/// <summary>A tenant's choices for AI assessments.</summary>
/// <param name="ExcludeFromTraining">Customer data must not be used to train models; requests carry the provider's matching option (store: false). On unless the tenant turns it off.</param>
/// <param name="TokensPerMinute">The tenant's own budget; null uses the silo default.</param>
[GenerateSerializer, Immutable, Alias("craftcx.ai-tenant-settings.v1")]
public sealed record AiTenantSettings(
    [property: Id(0)] bool ExcludeFromTraining = true,
    [property: Id(1)] long? TokensPerMinute = null,
    [property: Id(2)] long? TokensPerDay = null);
