using CraftCX.Api.Audit;
using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Assessments;
using CraftCX.Security;
using CraftCX.Tenants;

namespace CraftCX.Api.Assessments;

/// <summary>A tenant's AI settings (data use, budgets) and its token usage.</summary>
internal static class AiEndpoints
{
    public static IEndpointRouteBuilder MapAiSettings(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/tenants/{tenant}/settings/ai", async (string tenant, IGrainFactory grains) =>
                RouteIds.CheckTenant(tenant) ?? TypedResults.Ok(await grains.GetGrain<ITenantGrain>(tenant).GetAiSettingsAsync()))
            .RequireTenantScope(ApiScopes.Read)
            .WithName("GetAiSettings")
            .WithSummary("The tenant's AI settings: whether customer data is excluded from model training, and its own token budgets (null: the silo default)")
            .Produces<AiTenantSettings>();

        endpoints.MapPut("/v1/tenants/{tenant}/settings/ai", async (string tenant, AiTenantSettings settings, IGrainFactory grains) =>
            {
                try
                {
                    return RouteIds.CheckTenant(tenant) ?? TypedResults.Ok(await grains.GetGrain<ITenantGrain>(tenant).SetAiSettingsAsync(settings));
                }
                catch (ArgumentException ex)
                {
                    return Problems.BadRequest("Invalid AI settings", ex.Message);
                }
            })
            .RequireTenantScope(ApiScopes.Admin)
            .WithSettingsBodyLimit(endpoints)
            .Audited("settings.ai.put")
            .WithName("PutAiSettings")
            .WithSummary("Replace the tenant's AI settings (admin scope)")
            .Produces<AiTenantSettings>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        endpoints.MapGet("/v1/tenants/{tenant}/ai/usage", async (string tenant, IGrainFactory grains) =>
                RouteIds.CheckTenant(tenant) ?? TypedResults.Ok(await grains.GetGrain<IAiUsageGrain>(tenant).GetUsageAsync()))
            .RequireTenantScope(ApiScopes.Read)
            .WithName("GetAiUsage")
            .WithSummary("Tokens the tenant's AI assessments used this minute, today and in total, and how many assessments ran")
            .Produces<AiUsageView>();
        return endpoints;
    }
}
