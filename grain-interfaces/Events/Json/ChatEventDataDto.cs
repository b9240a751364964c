namespace CraftCX.Events.Json;

/// <summary>The union of the type-specific <c>data</c> fields of contract v1.</summary>
public sealed class ChatEventDataDto
{
    public string? MessageId { get; set; }
    public ParticipantDto? Author { get; set; }
    public string? Text { get; set; }
    public string? Channel { get; set; }
    public bool? Internal { get; set; }
    public CustomerDto? Customer { get; set; }
    public string? Subject { get; set; }
    public ParticipantDto? Agent { get; set; }
    public ParticipantDto? From { get; set; }
    public ParticipantDto? To { get; set; }
    public string? Reason { get; set; }
    public List<string>? Tags { get; set; }
    public double? Score { get; set; }
    public string? Resolution { get; set; }
}
