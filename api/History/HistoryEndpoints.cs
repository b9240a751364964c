using CraftCX.Aggregation;
using CraftCX.Aggregation.History;
using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Security;
using CraftCX.Tenants;

namespace CraftCX.Api.History;

/// <summary>GET …/history of a tenant, workspace or agent: buckets over any range within retention, period over period.</summary>
internal static class HistoryEndpoints
{
    private const string Description =
        "granularity=5m|hour|day|week|month (default day); from and to as ISO 8601 (default: a typical span of the granularity up to now), " +
        "widened to whole buckets (UTC; weeks start on Monday); compare=true adds the same number of buckets just before. " +
        "Five-minute buckets are kept for a day, hourly ones for 31 days, daily and weekly ones for 13 months, monthly ones for the tenant's historyMonths (25 by default).";

    public static IEndpointRouteBuilder MapHistory(this IEndpointRouteBuilder endpoints)
    {
        var tenants = endpoints.MapGroup("/v1/tenants/{tenant}").RequireTenantScope(ApiScopes.Read);

        tenants.MapGet("/history", GetTenantHistoryAsync)
            .WithName("GetTenantHistory")
            .WithSummary("The tenant's aggregates per bucket over a range, with its exact total")
            .WithDescription(Description)
            .Produces<HistoryView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        tenants.MapGet("/workspaces/{workspace}/history", GetWorkspaceHistoryAsync)
            .WithName("GetWorkspaceHistory")
            .WithSummary("A workspace's aggregates per bucket over a range, with its exact total")
            .WithDescription(Description)
            .Produces<HistoryView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        tenants.MapGet("/agents/{agent}/history", GetAgentHistoryAsync)
            .WithName("GetAgentHistory")
            .WithSummary("An agent's or bot's aggregates per bucket over a range, with its exact total")
            .WithDescription(Description)
            .Produces<HistoryView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }

    private static Task<IResult> GetTenantHistoryAsync(string tenant, string? granularity, DateTimeOffset? from, DateTimeOffset? to, bool? compare, IGrainFactory grains, TimeProvider time) =>
        RouteIds.CheckTenant(tenant) is { } invalid
            ? Task.FromResult(invalid)
            : HistoryRequests.ReadAsync(grains.GetGrain<ITenantGrain>(tenant), grains, tenant, granularity, from, to, compare, time, $"Tenant '{tenant}' has no scored conversations.");

    private static Task<IResult> GetWorkspaceHistoryAsync(string tenant, string workspace, string? granularity, DateTimeOffset? from, DateTimeOffset? to, bool? compare, IGrainFactory grains, TimeProvider time) =>
        (RouteIds.CheckTenant(tenant) ?? RouteIds.CheckScope("workspace", workspace)) is { } invalid
            ? Task.FromResult(invalid)
            : HistoryRequests.ReadAsync(grains.GetGrain<IWorkspaceGrain>(GrainKeys.Compose(tenant, workspace)), grains, tenant, granularity, from, to, compare, time, $"Tenant '{tenant}' has no scored conversations in workspace '{workspace}'.");

    private static Task<IResult> GetAgentHistoryAsync(string tenant, string agent, string? granularity, DateTimeOffset? from, DateTimeOffset? to, bool? compare, IGrainFactory grains, TimeProvider time) =>
        (RouteIds.CheckTenant(tenant) ?? RouteIds.CheckId("agent", agent)) is { } invalid
            ? Task.FromResult(invalid)
            : HistoryRequests.ReadAsync(grains.GetGrain<IAgentGrain>(GrainKeys.Compose(tenant, agent)), grains, tenant, granularity, from, to, compare, time, $"Tenant '{tenant}' has no scored conversations for agent '{agent}'.");
}
