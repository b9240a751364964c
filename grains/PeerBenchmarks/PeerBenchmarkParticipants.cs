namespace CraftCX.PeerBenchmarks;

/// <summary>The stored registry of opted-in tenants.</summary>
[GenerateSerializer, Alias("craftcx.peer-benchmark-participants.v1")]
internal sealed class PeerBenchmarkParticipants
{
    [Id(0)] public HashSet<string> Tenants { get; set; } = new(StringComparer.Ordinal);
}
