namespace CraftCX.Api.Privacy;

/// <summary>The body of a verification: the identifiers to look up, and the name and sentences to search for.</summary>
internal sealed record VerifyRequest(string? CustomerId, string? Email, string? Phone, string? Name, IReadOnlyList<string>? Phrases);
