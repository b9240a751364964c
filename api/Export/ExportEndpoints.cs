using System.Text;
using CraftCX.Aggregation;
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
            .WithSummary("A workspace's aggregates per time bucket (5m for the last hour, hour for the last day, day for the last week) as CSV or JSON")
            .WithDescription("format=csv|json (default json); granularity=5m|hour|day (default hour); from and to as ISO 8601 (default: the last day).")
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

        if (granularity is not ("5m" or "hour" or "day"))
        {
            return Problems.BadRequest("Invalid granularity", "granularity must be 5m, hour or day.");
        }

        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-1);
        if (start >= end)
        {
            return Problems.BadRequest("Invalid range", "from must be before to.");
        }

        if (end - start > TimeSpan.FromDays(8))
        {
            return Problems.BadRequest("Range too long", "Aggregates are kept for a week: ask for at most 8 days.");
        }

        var buckets = await grains.GetGrain<IWorkspaceGrain>(GrainKeys.Compose(tenant, workspace)).GetBucketsAsync(granularity, start, end);
        return format == "csv"
            ? TypedResults.File(Encoding.UTF8.GetBytes(AggregateCsv.Write(buckets)), "text/csv; charset=utf-8", $"{workspace}-{granularity}.csv")
            : TypedResults.Ok(buckets);
    }
}
