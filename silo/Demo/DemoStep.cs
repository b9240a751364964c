using CraftCX.Events.Json;

namespace CraftCX.Silo.Demo;

/// <summary>One event of a scripted conversation and how long after the previous one it happens.</summary>
/// <param name="Event">Its occurredAt is set when it is produced.</param>
internal sealed record DemoStep(TimeSpan Delay, ChatEventDto Event);
