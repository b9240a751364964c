namespace CraftCX.Aggregation.History;

/// <summary>An agent's, workspace's or tenant's history over a range, and optionally the same span before it.</summary>
/// <param name="Granularity">5m, hour, day, week or month.</param>
/// <param name="Previous">With compare: the same number of buckets just before, cut where retention begins.</param>
[GenerateSerializer, Immutable, Alias("craftcx.history-view.v1")]
public sealed record HistoryView(
    [property: Id(0)] AggregateLevel Level,
    [property: Id(1)] string Key,
    [property: Id(2)] string Granularity,
    [property: Id(3)] HistoryPeriod Current,
    [property: Id(4)] HistoryPeriod? Previous);
