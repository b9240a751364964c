namespace CraftCX.Aggregation;

/// <summary>Count, mean and percentiles of one exact 101-bucket histogram.</summary>
/// <param name="Histogram">Counts of scores 0..100, or null when the caller did not ask for it.</param>
[GenerateSerializer, Immutable, Alias("craftcx.score-summary.v1")]
public sealed record ScoreSummary(
    [property: Id(0)] long Count,
    [property: Id(1)] double? Mean,
    [property: Id(2)] int? P50,
    [property: Id(3)] int? P90,
    [property: Id(4)] IReadOnlyList<long>? Histogram);
