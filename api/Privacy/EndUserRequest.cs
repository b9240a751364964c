namespace CraftCX.Api.Privacy;

/// <summary>The body of an end user's request: at least one identifier, and for a restriction or hold its reason.</summary>
internal sealed record EndUserRequest(string? CustomerId, string? Email, string? Phone, string? Reason = null);
