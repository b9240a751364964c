namespace CraftCX.Api.Security;

/// <summary>Credentials and tokens (section "Auth").</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Protects the key-management endpoints (header X-Operator-Key). Empty: they answer 503.</summary>
    public string? OperatorKey { get; set; }

    /// <summary>
    /// Base64 key (≥ 32 bytes) that signs browser access tokens. Every silo of a cluster needs the same one;
    /// empty means a random key per process, which suits a single silo.
    /// </summary>
    public string? TokenSigningKey { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a silo trusts a checked key before asking the tenant again (so also how long a revoked key lingers).</summary>
    public TimeSpan KeyCacheTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Embedded default: create an all-scopes key for this tenant at start and log it. Empty: none.</summary>
    public string? DemoTenant { get; set; }
}
