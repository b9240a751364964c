using System.ComponentModel.DataAnnotations;

namespace CraftCX.Silo.LiveBroadcast;

/// <summary>How live updates travel between silos (section "Streaming").</summary>
internal sealed class StreamingOptions
{
    public const string Section = "Streaming";

    /// <summary>Memory (in-cluster memory streams, the default) or EventHubs (Azure Event Hubs, for Azure deployments).</summary>
    [RegularExpression("(?i)^(Memory|EventHubs)$", ErrorMessage = "The field {0} must be Memory or EventHubs.")]
    public string Provider { get; set; } = "Memory";

    /// <summary>How often the memory stream provider's agents look for new live updates.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    public EventHubsStreamingOptions EventHubs { get; set; } = new();
}

/// <summary>Azure Event Hubs for the live stream provider: a hub, a consumer group and a checkpoint table.</summary>
internal sealed class EventHubsStreamingOptions
{
    public string? ConnectionString { get; set; }

    public string EventHubName { get; set; } = "craftcx-live";

    public string ConsumerGroup { get; set; } = "$Default";

    /// <summary>Azure Table storage connection string for the provider's checkpoints.</summary>
    public string? CheckpointConnectionString { get; set; }
}
