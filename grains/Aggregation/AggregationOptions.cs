namespace CraftCX.Aggregation;

/// <summary>Settings of the per-silo pre-aggregator (section "Aggregation").</summary>
public sealed class AggregationOptions
{
    public const string Section = "Aggregation";

    /// <summary>How often pending contributions are sent to the aggregate grains.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A flush starts at once when this many contributions wait.</summary>
    public int MaxPendingContributions { get; set; } = 5000;

    /// <summary>Longest pause between retries when an aggregate grain fails.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
