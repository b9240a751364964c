using CraftCX.Scoring;

namespace CraftCX.Tenants;

/// <summary>Stored settings of a tenant.</summary>
[GenerateSerializer, Alias("craftcx.tenant-settings.v1")]
public sealed class TenantSettings
{
    /// <summary>Null until the tenant sets its own; the default scorecard applies meanwhile.</summary>
    [Id(0)] public Scorecard? Scorecard { get; set; }
}
