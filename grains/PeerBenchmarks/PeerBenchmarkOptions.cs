namespace CraftCX.PeerBenchmarks;

/// <summary>How the peer benchmarks are published (section "PeerBenchmarks").</summary>
public sealed class PeerBenchmarkOptions
{
    public const string Section = "PeerBenchmarks";

    /// <summary>Distinct tenants a segment needs before it is published (k).</summary>
    public int MinimumTenants { get; set; } = 5;

    /// <summary>The largest share of a segment's conversations one tenant may bring; above it the segment is not published.</summary>
    public double MaxTenantShare { get; set; } = 0.5;

    /// <summary>Conversations a segment needs before it is published: small ones would show single conversations in their shares.</summary>
    public int MinimumConversations { get; set; } = 50;

    /// <summary>Days of history a publication covers, today included.</summary>
    public int PeriodDays { get; set; } = 30;

    /// <summary>How often a new publication is computed while any tenant takes part.</summary>
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromHours(1);
}
