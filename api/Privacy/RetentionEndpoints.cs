using CraftCX.Api.Audit;
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
            .Audited("settings.retention.put")
            .WithName("PutRetentionPolicy")
            .WithSummary("Replace the tenant's retention policy (admin scope); the next sweep applies it to data already stored")
            .Produces<RetentionPolicy>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        endpoints.MapGet("/v1/tenants/{tenant}/retention", async (string tenant, IGrainFactory grains) =>
                RouteIds.CheckTenant(tenant) ?? TypedResults.Ok(await grains.GetGrain<IRetentionGrain>(tenant).GetStatusAsync()))
            .RequireTenantScope(ApiScopes.Admin)
            .WithName("GetRetentionStatus")
            .WithSummary("Where the tenant's retention stands: the policy, the days of closed conversations still indexed, and the running or last sweep with its counts")
            .Produces<RetentionStatus>();

        endpoints.MapPost("/v1/tenants/{tenant}/retention/sweep", async (string tenant, IGrainFactory grains) =>
                RouteIds.CheckTenant(tenant) ?? TypedResults.Accepted($"/v1/tenants/{tenant}/retention", await grains.GetGrain<IRetentionGrain>(tenant).SweepAsync()))
            .RequireTenantScope(ApiScopes.Admin)
            .Audited("retention.sweep")
            .WithName("StartRetentionSweep")
            .WithSummary("Start the tenant's retention sweep now (it also runs every Retention:SweepInterval); 202 with its progress, which GET /v1/tenants/{tenant}/retention follows")
            .Produces<RetentionStatus>(StatusCodes.Status202Accepted);
        return endpoints;
    }
}
