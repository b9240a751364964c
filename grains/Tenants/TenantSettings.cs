using CraftCX.Scoring;
using CraftCX.Security;

namespace CraftCX.Tenants;

/// <summary>Stored settings of a tenant.</summary>
[GenerateSerializer, Alias("craftcx.tenant-settings.v1")]
public sealed class TenantSettings
{
    /// <summary>Null until the tenant sets its own; the default scorecard applies meanwhile.</summary>
    [Id(0)] public Scorecard? Scorecard { get; set; }

    /// <summary>API keys by key id, hashed.</summary>
    [Id(1)] public Dictionary<string, StoredApiKey> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public AiTenantSettings Ai { get; set; } = new();
}
