namespace CraftCX.PeerBenchmarks;

/// <summary>The stored publication: coarsened segment figures, no identifier of anyone.</summary>
[GenerateSerializer, Alias("craftcx.peer-benchmark-state.v1")]
internal sealed class PeerBenchmarkState
{
    [Id(0)] public PeerBenchmarkPublication? Latest { get; set; }
}
