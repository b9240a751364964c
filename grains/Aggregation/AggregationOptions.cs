using System.ComponentModel.DataAnnotations;

namespace CraftCX.Aggregation;

/// <summary>Settings of the per-silo pre-aggregator (section "Aggregation").</summary>
public sealed class AggregationOptions
{
    public const string Section = "Aggregation";

    /// <summary>How long an aggregate recognises a released conversation (in memory), so late copies do not count again.</summary>
    public static readonly TimeSpan ReleaseGrace = TimeSpan.FromMinutes(1);

    /// <summary>How often pending contributions are sent to the aggregate grains.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Flushes that may be under way at once. A flush waits for the slowest aggregate grain; letting the next one
    /// start on time keeps latency at about one interval instead of interval plus flush time.
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrentFlushes { get; set; } = 8;

    /// <summary>
    /// Least time between two state writes of one aggregate grain; contributions in between share a write. Live
    /// updates go out before it, so this delays only the Kafka offset commit, not what supervisors see.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan WriteInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A flush starts at once when this many contributions wait.</summary>
    [Range(1, 10_000_000)]
    public int MaxPendingContributions { get; set; } = 5000;

    /// <summary>
    /// Oldest copy of a contribution a batcher still sends (older ones fail their publishers, which send a fresh
    /// one). With <see cref="MaxClockSkew"/> it must fit twice in the minute an aggregate recognises a release.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:30")]
    public TimeSpan MaxCopyAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How far the silos' clocks may differ; an aggregate allows a copy this much longer.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Conversations release what their aggregates hold once applied. Off only for the first step of a rolling
    /// upgrade from a build without releases: every silo must read releases before any silo sends one.
    /// </summary>
    public bool ReleaseContributions { get; set; } = true;

    /// <summary>
    /// How often an aggregate sends its history changes to the stored history (they are kept with the aggregate's
    /// state meanwhile, and queries add them, so this trades write volume against nothing but recovery work).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan HistoryFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an aggregate looks for history chunks that left retention.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan HistorySweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest pause between retries when an aggregate grain fails.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a deactivating batcher keeps trying to deliver what it holds; after that its publishers are told
    /// it failed (ingestion then does not commit those offsets, a conversation keeps its scores to publish again).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan FinalFlushTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
