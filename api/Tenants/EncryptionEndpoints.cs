using CraftCX.Api.Audit;
using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Encryption;
using CraftCX.Tenants;

namespace CraftCX.Api.Tenants;

/// <summary>Operator routes over a tenant's data keys: their status, and a rotation with its background re-encryption.</summary>
internal static class EncryptionEndpoints
{
    public static IEndpointRouteBuilder MapTenantEncryption(this IEndpointRouteBuilder endpoints)
    {
        var encryption = endpoints.MapGroup("/v1/admin/tenants/{tenant}/encryption").AddEndpointFilter<OperatorKeyFilter>();
        encryption.MapGet("/", async (string tenant, IGrainFactory grains) =>
                await TenantRouteChecks.ExistingTenantAsync(tenant, grains) ?? TypedResults.Ok(await grains.GetGrain<ITenantKeyRingGrain>(tenant).GetStatusAsync()))
            .WithName("GetTenantEncryption")
            .WithSummary("The tenant's data key versions (never key material), when they were destroyed, and the progress of a rotation's re-encryption (operator key required)")
            .Produces<TenantEncryptionStatus>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        encryption.MapPost("/rotate", async (string tenant, IGrainFactory grains) =>
            {
                if (await TenantRouteChecks.ExistingTenantAsync(tenant, grains) is { } problem)
                {
                    return problem;
                }

                if (await grains.GetGrain<ITenantGrain>(tenant).GetLifecycleAsync() is { State: TenantLifecycleState.Deleting or TenantLifecycleState.Deleted } lifecycle)
                {
                    return Problems.Conflict($"The tenant is {lifecycle.State.ToString().ToLowerInvariant()}: its keys are destroyed, not rotated.");
                }

                try
                {
                    var status = await grains.GetGrain<ITenantKeyRingGrain>(tenant).RotateAsync("operator");
                    return TypedResults.Accepted($"/v1/admin/tenants/{tenant}/encryption", status);
                }
                catch (InvalidOperationException ex)
                {
                    return Problems.Conflict(ex.Message);
                }
            })
            .Audited("encryption.rotate")
            .WithName("RotateTenantKey")
            .WithSummary("Start a new data key version for the tenant's new writes at once; stored rows move to it in the background (202; GET shows the progress). A rotation under way is not started twice")
            .Produces<TenantEncryptionStatus>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }
}
