namespace CraftCX.Aggregation.History;

/// <summary>
/// How far back each granularity reaches: five-minute buckets for a day, hourly for a month, daily (and weekly)
/// for thirteen months, monthly for the tenant's history period (25 months by default). A tenant's shorter
/// period shortens every granularity it would exceed.
/// </summary>
public static class HistoryRetention
{
    /// <summary>How long monthly buckets are kept unless the tenant says otherwise.</summary>
    public const int DefaultMonths = 25;

    /// <summary>The longest history period a tenant can ask for.</summary>
    public const int MaxMonths = 120;

    public const int DailyMonths = 13;

    /// <summary>The oldest instant whose buckets of <paramref name="granularity"/> are still kept at <paramref name="now"/>.</summary>
    public static DateTimeOffset OldestKept(HistoryGranularity granularity, DateTimeOffset now, int months)
    {
        var period = now.AddMonths(-months);
        var kept = granularity switch
        {
            HistoryGranularity.FiveMinutes => now.AddDays(-1),
            HistoryGranularity.Hour => now.AddDays(-31),
            HistoryGranularity.Day or HistoryGranularity.Week => now.AddMonths(-DailyMonths),
            _ => period,
        };
        return kept > period ? kept : period;
    }

    /// <summary>Whether a bucket that ends at <paramref name="bucketEnd"/> has left its granularity's retention.</summary>
    public static bool Expired(HistoryGranularity granularity, DateTimeOffset bucketEnd, DateTimeOffset now, int months) =>
        bucketEnd <= OldestKept(granularity, now, months);

    /// <summary>What the API says about a granularity's reach.</summary>
    public static string Describe(HistoryGranularity granularity, int months) => granularity switch
    {
        HistoryGranularity.FiveMinutes => "five-minute buckets are kept for a day",
        HistoryGranularity.Hour => "hourly buckets are kept for 31 days",
        HistoryGranularity.Day or HistoryGranularity.Week => $"daily and weekly buckets are kept for {Math.Min(DailyMonths, months)} months",
        _ => $"monthly buckets are kept for {months} months",
    };
}
