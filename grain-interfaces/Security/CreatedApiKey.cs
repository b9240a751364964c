namespace CraftCX.Security;

/// <summary>A new key: the full secret key appears here and nowhere else.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.created-api-key.v1")]
public sealed record CreatedApiKey(
    [property: Id(0)] string Key,
    [property: Id(1)] ApiKeyInfo Info);
