namespace CraftCX.PeerBenchmarks;

/// <summary>Whole points only: a mean and percentiles of a published distribution.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.peer-score-distribution.v1")]
public sealed record PeerScoreDistribution(
    [property: Id(0)] int Mean,
    [property: Id(1)] int P10,
    [property: Id(2)] int P25,
    [property: Id(3)] int P50,
    [property: Id(4)] int P75,
    [property: Id(5)] int P90);

/// <summary>
/// A segment's benchmark as published: coarsened figures of at least k tenants, none of them more than half of it,
/// with no tenant, agent, workspace, conversation or customer identifier.
/// </summary>
/// <param name="Tenants">Contributing tenants, rounded down to a multiple of 5.</param>
/// <param name="Conversations">Rounded to the nearest 10.</param>
/// <param name="ShareBelow">For each whole score 0 to 100, the percentage (whole) of conversations that scored below it.</param>
/// <param name="FirstResponseSeconds">The bins' upper bounds at the median and the 90th percentile (null: beyond the last bound).</param>
[GenerateSerializer, Immutable, Alias("craftcx.published-peer-segment.v1")]
public sealed record PublishedPeerSegment(
    [property: Id(0)] string Industry,
    [property: Id(1)] string Channel,
    [property: Id(2)] string Handler,
    [property: Id(3)] int Tenants,
    [property: Id(4)] long Conversations,
    [property: Id(5)] PeerScoreDistribution Overall,
    [property: Id(6)] IReadOnlyDictionary<string, PeerScoreDistribution> Criteria,
    [property: Id(7)] int[] ShareBelow,
    [property: Id(8)] int? FirstResponseSecondsP50,
    [property: Id(9)] int? FirstResponseSecondsP90);

/// <summary>One publication: every segment that passed, over the period it covers.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.peer-benchmark-publication.v1")]
public sealed record PeerBenchmarkPublication(
    [property: Id(0)] DateTimeOffset PublishedAt,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset To,
    [property: Id(3)] int MinimumTenants,
    [property: Id(4)] IReadOnlyList<PublishedPeerSegment> Segments);
