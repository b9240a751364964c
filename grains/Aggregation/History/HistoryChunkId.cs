using CraftCX.Aggregation.History;

namespace CraftCX.Aggregation;

/// <summary>
/// One stored piece of an aggregate's history: the buckets of one granularity within one period (the five-minute
/// buckets of an hour, the hours of a day, the days of a month, the months of a year), so that a write touches only
/// the period that changed and a query reads only the periods it covers.
/// </summary>
[GenerateSerializer, Immutable, Alias("craftcx.history-chunk-id.v1")]
internal readonly record struct HistoryChunkId(
    [property: Id(0)] HistoryGranularity Granularity,
    [property: Id(1)] long Index)
{
    /// <summary>The granularities stored (weeks are merged from days).</summary>
    public static readonly IReadOnlyList<HistoryGranularity> Stored =
        [HistoryGranularity.FiveMinutes, HistoryGranularity.Hour, HistoryGranularity.Day, HistoryGranularity.Month];

    /// <summary>The chunk that holds bucket <paramref name="bucket"/> of <paramref name="granularity"/>.</summary>
    public static HistoryChunkId Of(HistoryGranularity granularity, long bucket) => new(granularity, granularity switch
    {
        HistoryGranularity.FiveMinutes => HistoryCalendar.FloorDiv(bucket, 12),
        HistoryGranularity.Hour => HistoryCalendar.FloorDiv(bucket, 24),
        HistoryGranularity.Day => HistoryCalendar.IndexOf(HistoryGranularity.Month, HistoryCalendar.StartOf(HistoryGranularity.Day, bucket)),
        HistoryGranularity.Month => HistoryCalendar.FloorDiv(bucket, 12),
        _ => throw new ArgumentOutOfRangeException(nameof(granularity), granularity, "Weeks are not stored."),
    });

    public DateTimeOffset Start => Granularity switch
    {
        HistoryGranularity.FiveMinutes => HistoryCalendar.StartOf(HistoryGranularity.Hour, Index),
        HistoryGranularity.Hour => HistoryCalendar.StartOf(HistoryGranularity.Day, Index),
        HistoryGranularity.Day => HistoryCalendar.StartOf(HistoryGranularity.Month, Index),
        _ => HistoryCalendar.StartOf(HistoryGranularity.Month, Index * 12),
    };

    public DateTimeOffset End => (this with { Index = Index + 1 }).Start;

    /// <summary>
    /// The chunk grain's key: the tenant first (so a tenant's storage sweep takes it), then the level, granularity
    /// and period, and the aggregate's own id last (it may hold any id character but a slash).
    /// </summary>
    public string KeyFor(AggregateLevel level, string aggregateKey)
    {
        var slash = aggregateKey.IndexOf('/', StringComparison.Ordinal);
        var tenant = slash < 0 ? aggregateKey : aggregateKey[..slash];
        var id = slash < 0 ? string.Empty : aggregateKey[(slash + 1)..];
        return $"{tenant}/history.{level.ToString().ToLowerInvariant()}.{HistoryCalendar.Name(Granularity)}.{HistoryCalendar.Label(Granularity, FirstBucket)}.{id}";
    }

    /// <summary>The first bucket index the chunk holds.</summary>
    public long FirstBucket => HistoryCalendar.IndexOf(Granularity, Start);
}
