namespace CraftCX.Security;

/// <summary>An API key as listed: never its secret, which is shown once at creation and stored only as a salted hash.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.api-key-info.v1")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Scopes,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? RevokedAt,
    [property: Id(5)] string? Agent = null);
