namespace CraftCX.PeerBenchmarks;

/// <summary>A tenant's part in the de-identified cross-tenant benchmarks: off unless it opts in and names its industry.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.peer-benchmark-settings.v1")]
public sealed record PeerBenchmarkSettings(
    [property: Id(0)] bool OptIn = false,
    [property: Id(1)] string? Industry = null);
