using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Audit;
using CraftCX.Security;

namespace CraftCX.Api.Audit;

/// <summary>Reading a tenant's audit log and checking its chain.</summary>
internal static class AuditEndpoints
{
    private const int MaxPage = 1000;

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/tenants/{tenant}/audit", async (string tenant, long? from, int? limit, IGrainFactory grains) =>
            {
                if (RouteIds.CheckTenant(tenant) is { } invalid)
                {
                    return invalid;
                }

                if (from is < 1 || limit is < 1 or > MaxPage)
                {
                    return Problems.BadRequest("Invalid page", $"from must be at least 1 and limit from 1 to {MaxPage}.");
                }

                return TypedResults.Ok(await grains.GetGrain<IAuditLogGrain>(tenant).ReadAsync(from ?? 1, limit ?? 100));
            })
            .RequireTenantScope(ApiScopes.Admin)
            .WithName("GetAuditLog")
            .WithSummary("The tenant's audit log in order: who (key or operator), what, on which ids, when, the outcome and the entry's chained hash; page with from (sequence) and limit")
            .Produces<IReadOnlyList<AuditEntry>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        endpoints.MapGet("/v1/tenants/{tenant}/audit/verify", async (string tenant, IGrainFactory grains) =>
                RouteIds.CheckTenant(tenant) ?? TypedResults.Ok(await grains.GetGrain<IAuditLogGrain>(tenant).VerifyAsync()))
            .RequireTenantScope(ApiScopes.Admin)
            .WithName("VerifyAuditLog")
            .WithSummary("Recompute the audit log's hash chain: valid, or the first entry that does not follow its predecessor")
            .Produces<AuditVerification>();
        return endpoints;
    }
}
