namespace CraftCX.Events;

/// <summary>Configurable bounds of event validation (section "Ingestion:Contract").</summary>
public sealed class EventContractOptions
{
    /// <summary>A message larger than this is dead-lettered unread.</summary>
    public int MaxEventBytes { get; set; } = EventLimits.DefaultMaxEventBytes;

    /// <summary>How far in the future an occurredAt may lie before it counts as a broken clock.</summary>
    public TimeSpan MaxClockSkew { get; set; } = EventLimits.DefaultMaxClockSkew;
}
