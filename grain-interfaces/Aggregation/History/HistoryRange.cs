namespace CraftCX.Aggregation.History;

/// <summary>
/// A history query's bucket range [<see cref="From"/>, <see cref="To"/>) at one granularity, widened to whole
/// buckets; <see cref="Kept"/> is where the granularity's retention begins.
/// </summary>
[GenerateSerializer, Immutable, Alias("craftcx.history-range.v1")]
public sealed record HistoryRange(
    [property: Id(0)] HistoryGranularity Granularity,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset To,
    [property: Id(3)] DateTimeOffset Kept)
{
    /// <summary>Most buckets one query answers (288 five-minute buckets are a day, 744 hourly ones a month).</summary>
    public const int MaxBuckets = 2000;

    public long FirstIndex => HistoryCalendar.IndexOf(Granularity, From);

    /// <summary>One past the last bucket.</summary>
    public long EndIndex => HistoryCalendar.IndexOf(Granularity, To);

    public long BucketCount => EndIndex - FirstIndex;

    /// <summary>The same number of buckets just before (period over period), cut where retention begins.</summary>
    public HistoryRange Previous()
    {
        var end = From;
        var start = HistoryCalendar.StartOf(Granularity, FirstIndex - BucketCount);
        var kept = EarliestStart(Granularity, Kept);
        return this with { From = start < kept ? kept : start, To = end };
    }

    // The first whole bucket still kept. A week may begin in a month whose daily chunk is gone, so it must begin after.
    private static DateTimeOffset EarliestStart(HistoryGranularity granularity, DateTimeOffset kept) =>
        granularity == HistoryGranularity.Week ? HistoryCalendar.Ceiling(granularity, kept) : HistoryCalendar.Floor(granularity, kept);

    /// <summary>
    /// Checks a query: a known granularity, from before to, within retention, at most <see cref="MaxBuckets"/>.
    /// Missing ends default to now and to one typical span before it.
    /// </summary>
    public static bool TryCreate(string? granularity, DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now, int months, out HistoryRange? range, out string? error)
    {
        range = null;
        if (!HistoryCalendar.TryParse(granularity ?? "day", out var g))
        {
            error = $"granularity must be one of {string.Join(", ", HistoryCalendar.Names)}.";
            return false;
        }

        var end = to ?? now;
        var start = from ?? g switch
        {
            HistoryGranularity.FiveMinutes => end.AddHours(-1),
            HistoryGranularity.Hour => end.AddDays(-1),
            HistoryGranularity.Day => end.AddDays(-30),
            HistoryGranularity.Week => end.AddDays(-7 * 12),
            _ => end.AddMonths(-12),
        };
        if (start >= end)
        {
            error = "from must be before to.";
            return false;
        }

        var kept = HistoryRetention.OldestKept(g, now, months);
        if (start < EarliestStart(g, kept))
        {
            error = $"from {start:O} is before what is kept: {HistoryRetention.Describe(g, months)} (from {kept:O}); ask for a coarser granularity.";
            return false;
        }

        range = new HistoryRange(g, HistoryCalendar.Floor(g, start), HistoryCalendar.Ceiling(g, end), kept);
        if (range.BucketCount > MaxBuckets)
        {
            error = $"The range holds {range.BucketCount} {HistoryCalendar.Name(g)} buckets; at most {MaxBuckets} per query: ask for a coarser granularity or a shorter range.";
            range = null;
            return false;
        }

        error = null;
        return true;
    }
}
