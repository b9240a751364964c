namespace CraftCX.Connectors;

/// <summary>
/// How a helpdesk's data becomes contract events: which group, inbox or team is which workspace, which of its user
/// ids are bots, and the channel when the payload names none.
/// </summary>
[GenerateSerializer, Immutable, Alias("craftcx.connector-mapping.v1")]
public sealed record ConnectorMapping(
    [property: Id(0)] string DefaultWorkspace,
    [property: Id(1)] IReadOnlyDictionary<string, string>? Workspaces = null,
    [property: Id(2)] IReadOnlyList<string>? BotIds = null,
    [property: Id(3)] string? DefaultChannel = null);
