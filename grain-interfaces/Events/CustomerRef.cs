namespace CraftCX.Events;

/// <summary>How the helpdesk identifies the end user of a conversation.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.customer-ref.v1")]
public sealed record CustomerRef(
    [property: Id(0)] string? Id,
    [property: Id(1)] string? Email,
    [property: Id(2)] string? Phone,
    [property: Id(3)] string? Name);
