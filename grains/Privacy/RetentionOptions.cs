using System.ComponentModel.DataAnnotations;

namespace CraftCX.Privacy;

/// <summary>How the retention sweep runs (section "Retention"); what is kept, and for how long, is each tenant's policy.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>How often each tenant's reminder sweeps the days that passed a horizon.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Conversations one tenant's sweep works on at once: bounded, so a large purge never crowds out ingestion.</summary>
    [Range(1, 256)]
    public int SweepConcurrency { get; set; } = 8;

    /// <summary>
    /// How long the input topic keeps events (its retention.ms). A deleted conversation stays a tombstone, which
    /// drops a replay of its events, for this long after its deletion is due; then its row goes too.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Least time between two writes of one retention bucket; closes in between share a write.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan BucketWriteInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
