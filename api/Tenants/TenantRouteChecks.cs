using CraftCX.Api.Http;
using CraftCX.Tenants;

namespace CraftCX.Api.Tenants;

/// <summary>The check operator routes on a tenant's keys share: a valid id of a tenant that was created.</summary>
internal static class TenantRouteChecks
{
    public static async Task<IResult?> ExistingTenantAsync(string tenant, IGrainFactory grains) =>
        RouteIds.CheckTenant(tenant) ?? (await grains.GetGrain<ITenantGrain>(tenant).GetLifecycleAsync() is null ? Problems.NotFound($"Tenant '{tenant}' was never created.") : null);
}
