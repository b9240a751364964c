namespace CraftCX.Aggregation.History;

/// <summary>One period of history: its buckets (empty ones included, oldest first) and their exact total.</summary>
/// <param name="Total">All buckets merged: percentiles come from the merged histograms, not from averages.</param>
[GenerateSerializer, Immutable, Alias("craftcx.history-period.v1")]
public sealed record HistoryPeriod(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] DateTimeOffset To,
    [property: Id(2)] IReadOnlyList<WindowView> Buckets,
    [property: Id(3)] WindowView Total);
