using System.ComponentModel.DataAnnotations;

namespace CraftCX.PeerBenchmarks;

/// <summary>How the peer benchmarks are published (section "PeerBenchmarks").</summary>
public sealed class PeerBenchmarkOptions
{
    public const string Section = "PeerBenchmarks";

    /// <summary>Distinct tenants a segment needs before it is published (k).</summary>
    [Range(2, 1_000_000)]
    public int MinimumTenants { get; set; } = 5;

    /// <summary>The largest share of a segment's conversations one tenant may bring; above it the segment is not published.</summary>
    [Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true)]
    public double MaxTenantShare { get; set; } = 0.5;

    /// <summary>Conversations a segment needs before it is published: small ones would show single conversations in their shares.</summary>
    [Range(1, int.MaxValue)]
    public int MinimumConversations { get; set; } = 50;

    /// <summary>Days of history a publication covers, today included.</summary>
    [Range(1, 365)]
    public int PeriodDays { get; set; } = 30;

    /// <summary>How often a new publication is computed while any tenant takes part.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromHours(1);
}
