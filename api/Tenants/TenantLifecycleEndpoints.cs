using CraftCX.Api.Audit;
using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Tenants;

namespace CraftCX.Api.Tenants;

/// <summary>
/// Operator routes over a tenant's lifecycle: create, suspend, terminate, restore during the wind-down, and delete
/// its data; each is audited in the tenant's log.
/// </summary>
internal static class TenantLifecycleEndpoints
{
    /// <summary>The body of a suspension or termination: the operator's note (a contract or ticket number).</summary>
    public sealed record LifecycleRequest(string? Reason);

    public static IEndpointRouteBuilder MapTenantLifecycle(this IEndpointRouteBuilder endpoints)
    {
        var tenants = endpoints.MapGroup("/v1/admin/tenants/{tenant}").AddEndpointFilter<OperatorKeyFilter>();
        tenants.MapGet("/", async (string tenant, IGrainFactory grains) =>
                RouteIds.CheckTenant(tenant) ?? (await Tenant(grains, tenant).GetLifecycleAsync() is { } lifecycle
                    ? TypedResults.Ok(lifecycle)
                    : Problems.NotFound($"Tenant '{tenant}' was never created.")))
            .WithName("GetTenantLifecycle")
            .WithSummary("The tenant's lifecycle: active, suspended, terminated (with the end of its wind-down), deleting or deleted (operator key required)")
            .Produces<TenantLifecycle>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        tenants.MapPost("/", (string tenant, IGrainFactory grains) => RunAsync(tenant, grains, t => t.RegisterAsync(), mustExist: false))
            .Audited("tenant.create")
            .WithName("CreateTenant")
            .WithSummary("Create the tenant, so that its events are taken in (creating a key does this too); a deleted tenant starts again empty")
            .Produces<TenantLifecycle>()
            .ProducesProblem(StatusCodes.Status409Conflict);

        tenants.MapPost("/suspend", async (string tenant, LifecycleRequest? request, IGrainFactory grains) =>
                CheckReason(request) ?? await RunAsync(tenant, grains, t => t.SuspendAsync(request?.Reason)))
            .WithSettingsBodyLimit(endpoints)
            .Audited("tenant.suspend")
            .WithName("SuspendTenant")
            .WithSummary("Suspend the tenant: its events are refused (403 on POST /v1/events, dead-lettered from Kafka) until restored; reads stay allowed")
            .Produces<TenantLifecycle>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        tenants.MapPost("/terminate", async (string tenant, LifecycleRequest? request, IGrainFactory grains) =>
                CheckReason(request) ?? await RunAsync(tenant, grains, t => t.TerminateAsync(request?.Reason)))
            .WithSettingsBodyLimit(endpoints)
            .Audited("tenant.terminate")
            .WithName("TerminateTenant")
            .WithSummary("Terminate the tenant: every key revoked, events and reads refused; all its data is deleted when the wind-down (windDownDays of its retention settings, 30 by default) ends")
            .Produces<TenantLifecycle>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        tenants.MapPost("/restore", (string tenant, IGrainFactory grains) => RunAsync(tenant, grains, t => t.RestoreAsync()))
            .Audited("tenant.restore")
            .WithName("RestoreTenant")
            .WithSummary("Restore a suspended tenant, or a terminated one before its wind-down ends (its keys stay revoked: create new ones)")
            .Produces<TenantLifecycle>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        tenants.MapPost("/delete", (string tenant, IGrainFactory grains) => RunAsync(tenant, grains, t => t.DeleteDataAsync(), accepted: true))
            .Audited("tenant.delete")
            .WithName("DeleteTenantData")
            .WithSummary("Start deleting a terminated tenant's data now instead of at the end of its wind-down (202; GET shows deleting, then deleted); only the record of the deletion stays")
            .Produces<TenantLifecycle>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<IResult> RunAsync(string tenant, IGrainFactory grains, Func<ITenantGrain, Task<TenantLifecycle>> change, bool mustExist = true, bool accepted = false)
    {
        if (RouteIds.CheckTenant(tenant) is { } invalid)
        {
            return invalid;
        }

        var grain = Tenant(grains, tenant);
        if (mustExist && await grain.GetLifecycleAsync() is null)
        {
            return Problems.NotFound($"Tenant '{tenant}' was never created.");
        }

        try
        {
            var lifecycle = await change(grain);
            return accepted ? TypedResults.Accepted($"/v1/admin/tenants/{tenant}", lifecycle) : TypedResults.Ok(lifecycle);
        }
        catch (InvalidOperationException ex)
        {
            return Problems.Conflict(ex.Message);
        }
    }

    private static IResult? CheckReason(LifecycleRequest? request) => Reasons.Check(request?.Reason);

    private static ITenantGrain Tenant(IGrainFactory grains, string tenant) => grains.GetGrain<ITenantGrain>(tenant);
}
