using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CraftCX.Silo.Hosting;

/// <summary>Ready when this silo is an active member of its cluster.</summary>
internal sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails localSilo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(localSilo.SiloAddress);
        var active = membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        var data = new Dictionary<string, object> { ["silo"] = localSilo.SiloAddress.ToString(), ["activeSilos"] = active };
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo active in a cluster of {active}.", data)
            : HealthCheckResult.Unhealthy($"Silo status is {status}.", data: data));
    }
}
