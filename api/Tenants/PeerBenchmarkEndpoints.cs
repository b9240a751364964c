using CraftCX.Api.Audit;
using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.PeerBenchmarks;
using CraftCX.Security;
using CraftCX.Tenants;

namespace CraftCX.Api.Tenants;

/// <summary>The peer benchmarks: a tenant's choice to take part, its rank in its segments, and an operator's publish-now.</summary>
internal static class PeerBenchmarkEndpoints
{
    public static IEndpointRouteBuilder MapPeerBenchmarks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/tenants/{tenant}/settings/benchmarks", async (string tenant, IGrainFactory grains) =>
                RouteIds.CheckTenant(tenant) ?? TypedResults.Ok(await grains.GetGrain<ITenantGrain>(tenant).GetPeerBenchmarkSettingsAsync()))
            .RequireTenantScope(ApiScopes.Read)
            .WithName("GetPeerBenchmarkSettings")
            .WithSummary("Whether the tenant takes part in the de-identified peer benchmarks (off by default), and its industry")
            .Produces<PeerBenchmarkSettings>();

        endpoints.MapPut("/v1/tenants/{tenant}/settings/benchmarks", async (string tenant, PeerBenchmarkSettings settings, IGrainFactory grains) =>
            {
                try
                {
                    return RouteIds.CheckTenant(tenant) ?? TypedResults.Ok(await grains.GetGrain<ITenantGrain>(tenant).SetPeerBenchmarkSettingsAsync(settings));
                }
                catch (ArgumentException ex)
                {
                    return Problems.BadRequest("Invalid benchmark settings", ex.Message);
                }
            })
            .RequireTenantScope(ApiScopes.Admin)
            .WithSettingsBodyLimit(endpoints)
            .Audited("settings.benchmarks.put")
            .WithName("PutPeerBenchmarkSettings")
            .WithSummary("Opt in (with an industry from the list) or out of the peer benchmarks (admin scope)")
            .Produces<PeerBenchmarkSettings>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        endpoints.MapGet("/v1/tenants/{tenant}/benchmarks", GetTenantViewAsync)
            .RequireTenantScope(ApiScopes.Read)
            .WithName("GetPeerBenchmarks")
            .WithSummary("The last publication's benchmark of each segment the tenant belongs to, with its own percentile rank")
            .Produces<TenantPeerBenchmarks>();

        endpoints.MapPost("/v1/admin/benchmarks/publish", async (IGrainFactory grains) =>
            {
                var publication = await grains.GetGrain<IPeerBenchmarkGrain>(PeerBenchmarkKeys.Global).PublishAsync();
                return TypedResults.Ok(new { publication.PublishedAt, publication.From, publication.To, segments = publication.Segments.Count });
            })
            .AddEndpointFilter<OperatorKeyFilter>()
            .WithName("PublishPeerBenchmarks")
            .WithSummary("Computes a peer-benchmark publication now (they are also computed every PeerBenchmarks:PublishInterval)");
        return endpoints;
    }

    private static async Task<IResult> GetTenantViewAsync(string tenant, IGrainFactory grains) =>
        RouteIds.CheckTenant(tenant) ?? TypedResults.Ok(await grains.GetGrain<ITenantGrain>(tenant).GetPeerBenchmarksAsync());
}
