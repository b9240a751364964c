using System.ComponentModel.DataAnnotations;

namespace CraftCX.Events;

/// <summary>Configurable bounds of event validation (section "Ingestion:Contract").</summary>
public sealed class EventContractOptions
{
    /// <summary>A message larger than this is dead-lettered unread.</summary>
    [Range(256, 16 * 1024 * 1024)]
    public int MaxEventBytes { get; set; } = EventLimits.DefaultMaxEventBytes;

    /// <summary>How far in the future an occurredAt may lie before it counts as a broken clock.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan MaxClockSkew { get; set; } = EventLimits.DefaultMaxClockSkew;
}
