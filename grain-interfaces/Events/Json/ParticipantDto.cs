namespace CraftCX.Events.Json;

/// <summary>Wire shape of an author, assignee or handoff side.</summary>
public sealed class ParticipantDto
{
    public string? Role { get; set; }
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AiTool { get; set; }
}
