using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Api.Tenants;
using CraftCX.Imports;
using CraftCX.Security;

namespace CraftCX.Api.Ingestion;

/// <summary>GET /v1/tenants/{tenant}/import: how far the tenant's imports (backfill) have come.</summary>
internal static class ImportStatusEndpoints
{
    public static IEndpointRouteBuilder MapImportStatus(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/v1/tenants/{tenant}").RequireTenantScope(ApiScopes.Read)
            .MapGet("/import", GetAsync)
            .WithName("GetImportStatus")
            .WithSummary("The tenant's import progress: submitted, counted, pending, rate and an estimate of the time left")
            .WithDescription("Counts every event imported through POST /v1/events?import=true or written to the import topic. " +
                "Pending and the estimate cover what was submitted over HTTP with the tenant's own credentials.")
            .Produces<ImportStatus>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(string tenant, IGrainFactory grains) =>
        await TenantRouteChecks.ExistingTenantAsync(tenant, grains) is { } problem
            ? problem
            : TypedResults.Ok(await grains.GetGrain<IImportStatusGrain>(tenant).GetAsync());
}
