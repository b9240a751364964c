namespace CraftCX.Security;

/// <summary>A key that matched: whose it is and what it may do.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.api-key-verification.v1")]
public sealed record ApiKeyVerification(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string KeyId,
    [property: Id(2)] string Name,
    [property: Id(3)] IReadOnlyList<string> Scopes,
    [property: Id(4)] string? Agent = null);
