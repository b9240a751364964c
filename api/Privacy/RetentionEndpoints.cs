using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Privacy;
using CraftCX.Security;
using CraftCX.Tenants;

namespace CraftCX.Api.Privacy;

/// <summary>A tenant's retention policy: how long each category of its data is kept after a conversation closes.</summary>
internal static class RetentionEndpoints
{
    public static IEndpointRouteBuilder MapRetentionSettings(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/tenants/{tenant}/settings/retention", async (string tenant, IGrainFactory grains) =>
                RouteIds.CheckTenant(tenant) ?? TypedResults.Ok(await grains.GetGrain<ITenantGrain>(tenant).GetRetentionPolicyAsync()))
            .RequireTenantScope(ApiScopes.Admin)
            .WithName("GetRetentionPolicy")
            .WithSummary("The tenant's retention policy in days after a conversation closes (null: for the life of the customer relationship)")
            .Produces<RetentionPolicy>();

        endpoints.MapPut("/v1/tenants/{tenant}/settings/retention", async (string tenant, RetentionPolicy policy, IGrainFactory grains) =>
            {
                try
                {
                    return RouteIds.CheckTenant(tenant) ?? TypedResults.Ok(await grains.GetGrain<ITenantGrain>(tenant).SetRetentionPolicyAsync(policy));
                }
                catch (ArgumentException ex)
                {
                    return Problems.BadRequest("Invalid retention policy", ex.Message);
                }
            })
            .RequireTenantScope(ApiScopes.Admin)
            .WithSettingsBodyLimit(endpoints)
            .WithName("PutRetentionPolicy")
            .WithSummary("Replace the tenant's retention policy (admin scope)")
            .Produces<RetentionPolicy>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }
}
