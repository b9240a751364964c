using System.Text;
using CraftCX.Aggregation;
using CraftCX.Api.History;
using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Security;

namespace CraftCX.Api.Export;

/// <summary>GET …/workspaces/{workspace}/export: per-bucket aggregates over a time range, as CSV or JSON.</summary>
internal static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/tenants/{tenant}/workspaces/{workspace}/export", HandleAsync)
            .RequireTenantScope(ApiScopes.Read)
            .WithName("ExportWorkspace")
            .WithSummary("A workspace's aggregates per time bucket over any range within retention, as CSV or JSON")
            .WithDescription("format=csv|json (default json); granularity=5m|hour|day|week|month (default hour); from and to as ISO 8601 (default: a typical span of the granularity up to now), widened to whole UTC buckets. Ranges are limited by retention as in …/history.")
            .Produces<IReadOnlyList<WindowView>>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        string tenant,
        string workspace,
        string? format,
        string? granularity,
        DateTimeOffset? from,
        DateTimeOffset? to,
        IGrainFactory grains,
        TimeProvider time)
    {
        if (RouteIds.CheckScope("workspace", workspace) is { } invalid)
        {
            return invalid;
        }

        format ??= "json";
        granularity ??= "hour";
        if (format is not ("csv" or "json"))
        {
            return Problems.BadRequest("Invalid format", "format must be csv or json.");
        }

        var (range, problem) = await HistoryRequests.ResolveAsync(grains, tenant, granularity, from, to, time);
        if (problem is not null)
        {
            return problem;
        }

        var history = await grains.GetGrain<IWorkspaceGrain>(GrainKeys.Compose(tenant, workspace)).GetHistoryAsync(range!, compare: false);
        if (history is null)
        {
            return Problems.NotFound($"Tenant '{tenant}' has no scored conversations in workspace '{workspace}'.");
        }

        var buckets = history.Current.Buckets;
        return format == "csv"
            ? TypedResults.File(Encoding.UTF8.GetBytes(AggregateCsv.Write(buckets)), "text/csv; charset=utf-8", $"{workspace}-{granularity}.csv")
            : TypedResults.Ok(buckets);
    }
}
