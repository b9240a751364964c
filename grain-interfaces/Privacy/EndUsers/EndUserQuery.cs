namespace CraftCX.Privacy.EndUsers;

/// <summary>How the customer's privacy team names one end user: any of the identifiers the helpdesk sends.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.end-user-query.v1")]
public sealed record EndUserQuery(
    [property: Id(0)] string? CustomerId,
    [property: Id(1)] string? Email,
    [property: Id(2)] string? Phone);
