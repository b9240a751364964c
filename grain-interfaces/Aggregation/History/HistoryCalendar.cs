using System.Globalization;

namespace CraftCX.Aggregation.History;

/// <summary>
/// Bucket arithmetic of history, all in UTC: a bucket is named by its index since the Unix epoch in its own unit.
/// Weeks start on Monday (ISO 8601); months are calendar months.
/// </summary>
public static class HistoryCalendar
{
    // 1970-01-01 was a Thursday: the Monday of its week is three days earlier.
    private const int EpochWeekdayOffset = 3;

    private static readonly string[] NameArray = ["5m", "hour", "day", "week", "month"];

    /// <summary>The names the API takes, in the order of <see cref="HistoryGranularity"/>.</summary>
    public static IReadOnlyList<string> Names => NameArray;

    public static string Name(HistoryGranularity granularity) => Names[(int)granularity];

    public static bool TryParse(string? name, out HistoryGranularity granularity)
    {
        var index = name is null ? -1 : Array.IndexOf(NameArray, name);
        granularity = index < 0 ? default : (HistoryGranularity)index;
        return index >= 0;
    }

    public static long IndexOf(HistoryGranularity granularity, DateTimeOffset at)
    {
        var seconds = at.ToUnixTimeSeconds();
        return granularity switch
        {
            HistoryGranularity.FiveMinutes => FloorDiv(seconds, 300),
            HistoryGranularity.Hour => FloorDiv(seconds, 3600),
            HistoryGranularity.Day => FloorDiv(seconds, 86400),
            HistoryGranularity.Week => FloorDiv(FloorDiv(seconds, 86400) + EpochWeekdayOffset, 7),
            _ => ((at.UtcDateTime.Year - 1970) * 12L) + at.UtcDateTime.Month - 1,
        };
    }

    public static DateTimeOffset StartOf(HistoryGranularity granularity, long index) => granularity switch
    {
        HistoryGranularity.FiveMinutes => DateTimeOffset.FromUnixTimeSeconds(index * 300),
        HistoryGranularity.Hour => DateTimeOffset.FromUnixTimeSeconds(index * 3600),
        HistoryGranularity.Day => DateTimeOffset.FromUnixTimeSeconds(index * 86400),
        HistoryGranularity.Week => DateTimeOffset.FromUnixTimeSeconds(((index * 7) - EpochWeekdayOffset) * 86400),
        _ => new DateTimeOffset((int)(1970 + FloorDiv(index, 12)), (int)(index - (FloorDiv(index, 12) * 12)) + 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    public static DateTimeOffset EndOf(HistoryGranularity granularity, long index) => StartOf(granularity, index + 1);

    /// <summary>The start of the bucket that holds <paramref name="at"/>.</summary>
    public static DateTimeOffset Floor(HistoryGranularity granularity, DateTimeOffset at) => StartOf(granularity, IndexOf(granularity, at));

    /// <summary>The start of the first bucket that begins at or after <paramref name="at"/>.</summary>
    public static DateTimeOffset Ceiling(HistoryGranularity granularity, DateTimeOffset at)
    {
        var floor = Floor(granularity, at);
        return floor == at ? at : EndOf(granularity, IndexOf(granularity, at));
    }

    /// <summary>A readable label of a bucket, for logs and storage keys.</summary>
    public static string Label(HistoryGranularity granularity, long index) =>
        StartOf(granularity, index).ToString(granularity switch
        {
            HistoryGranularity.FiveMinutes or HistoryGranularity.Hour => "yyyy-MM-dd'T'HH:mm",
            HistoryGranularity.Month => "yyyy-MM",
            _ => "yyyy-MM-dd",
        }, CultureInfo.InvariantCulture);

    /// <summary>Integer division rounded down, so that instants before the epoch get the bucket below.</summary>
    public static long FloorDiv(long value, long divisor) => value >= 0 ? value / divisor : ((value + 1) / divisor) - 1;
}
