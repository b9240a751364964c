namespace CraftCX.PeerBenchmarks;

/// <summary>A tenant's place in one segment it belongs to; the segment is null while it is not published.</summary>
/// <param name="PercentileRank">The share (whole percent) of the segment's conversations that scored below the tenant's own mean.</param>
[GenerateSerializer, Immutable, Alias("craftcx.tenant-peer-segment.v1")]
public sealed record TenantPeerSegment(
    [property: Id(0)] string Channel,
    [property: Id(1)] string Handler,
    [property: Id(2)] long Conversations,
    [property: Id(3)] double? Mean,
    [property: Id(4)] PublishedPeerSegment? Benchmark,
    [property: Id(5)] int? PercentileRank);

/// <summary>What a tenant sees of the benchmarks: its settings, the last publication's time and its rank in each of its segments.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.tenant-peer-benchmarks.v1")]
public sealed record TenantPeerBenchmarks(
    [property: Id(0)] PeerBenchmarkSettings Settings,
    [property: Id(1)] DateTimeOffset? PublishedAt,
    [property: Id(2)] IReadOnlyList<TenantPeerSegment> Segments);
