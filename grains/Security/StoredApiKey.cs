namespace CraftCX.Security;

/// <summary>A key as the tenant stores it: a random salt and SHA-256 of salt and secret, never the secret.</summary>
[GenerateSerializer, Alias("craftcx.stored-api-key.v1")]
public sealed class StoredApiKey
{
    [Id(0)] public string KeyId { get; set; } = string.Empty;
    [Id(1)] public string Name { get; set; } = string.Empty;
    [Id(2)] public List<string> Scopes { get; set; } = [];
    [Id(3)] public byte[] Salt { get; set; } = [];
    [Id(4)] public byte[] Hash { get; set; } = [];
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The agent this key acts as (an agent's own key, for disputes); null for a key of no one person.</summary>
    [Id(7)] public string? Agent { get; set; }

    public ApiKeyInfo ToInfo() => new(KeyId, Name, Scopes.ToArray(), CreatedAt, RevokedAt, Agent);
}
