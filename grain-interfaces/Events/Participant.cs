namespace CraftCX.Events;

/// <summary>An author or assignee: a customer, a human agent, a bot or the system.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.participant.v1")]
public sealed record Participant(
    [property: Id(0)] AuthorRole Role,
    [property: Id(1)] string? Id,
    [property: Id(2)] string? Name,
    [property: Id(3)] string? AiTool)
{
    /// <summary>Agents and bots answer customers; their messages are what the scorecard judges.</summary>
    public bool IsAgentSide => Role is AuthorRole.Agent or AuthorRole.Bot;
}
