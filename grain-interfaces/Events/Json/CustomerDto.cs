namespace CraftCX.Events.Json;

/// <summary>Wire shape of the customer reference of conversation.started.</summary>
public sealed class CustomerDto
{
    public string? Id { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Name { get; set; }
}
