using CraftCX.Aggregation;
using CraftCX.Aggregation.History;
using CraftCX.Api.Http;
using CraftCX.Tenants;

namespace CraftCX.Api.History;

/// <summary>Turns a history query's granularity, from and to into a range the tenant's retention allows, or a 400.</summary>
internal static class HistoryRequests
{
    public static async Task<(HistoryRange? Range, IResult? Problem)> ResolveAsync(
        IGrainFactory grains,
        string tenant,
        string? granularity,
        DateTimeOffset? from,
        DateTimeOffset? to,
        TimeProvider time)
    {
        var months = (await grains.GetGrain<ITenantGrain>(tenant).GetRetentionPolicyAsync()).HistoryPeriodMonths;
        return HistoryRange.TryCreate(granularity, from, to, time.GetUtcNow(), months, out var range, out var error)
            ? (range, null)
            : (null, Problems.BadRequest("Invalid history range", error!));
    }

    /// <summary>Reads one aggregate's history, or says it has none.</summary>
    public static async Task<IResult> ReadAsync(
        IScoreAggregateGrain aggregate,
        IGrainFactory grains,
        string tenant,
        string? granularity,
        DateTimeOffset? from,
        DateTimeOffset? to,
        bool? compare,
        TimeProvider time,
        string missing)
    {
        var (range, problem) = await ResolveAsync(grains, tenant, granularity, from, to, time);
        if (problem is not null)
        {
            return problem;
        }

        var view = await aggregate.GetHistoryAsync(range!, compare ?? false);
        return view is null ? Problems.NotFound(missing) : TypedResults.Ok(view);
    }
}
