namespace CraftCX.Events.Json;

/// <summary>The wire shape of a contract v1 event, before validation; every field may be missing.</summary>
public sealed class ChatEventDto
{
    public string? Id { get; set; }
    public string? Type { get; set; }
    public int? Version { get; set; }
    public string? Tenant { get; set; }
    public string? Workspace { get; set; }
    public string? Conversation { get; set; }
    public DateTimeOffset? OccurredAt { get; set; }
    public long? Sequence { get; set; }
    public ChatEventDataDto? Data { get; set; }
}
