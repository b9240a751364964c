namespace CraftCX.PeerBenchmarks;

/// <summary>One tenant's conversations of one channel and handler over a benchmark period: exact histograms, no identifier.</summary>
/// <param name="Overall">Conversations per overall score, 0 to 100.</param>
/// <param name="Criteria">Per criterion id, conversations per score.</param>
/// <param name="FirstResponse">Conversations per first-response bin (<c>FirstResponseBins</c>).</param>
[GenerateSerializer, Immutable, Alias("craftcx.peer-segment-input.v1")]
public sealed record PeerSegmentInput(
    [property: Id(0)] string Channel,
    [property: Id(1)] string Handler,
    [property: Id(2)] long Conversations,
    [property: Id(3)] int[] Overall,
    [property: Id(4)] IReadOnlyDictionary<string, int[]> Criteria,
    [property: Id(5)] int[] FirstResponse);

/// <summary>What one opted-in tenant brings to a publication: its industry and its segments; never its id.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.peer-benchmark-input.v1")]
public sealed record PeerBenchmarkInput(
    [property: Id(0)] string Industry,
    [property: Id(1)] IReadOnlyList<PeerSegmentInput> Segments);
