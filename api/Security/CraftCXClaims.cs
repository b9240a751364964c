namespace CraftCX.Api.Security;

/// <summary>Claim types of an authenticated caller, and the policy names built on them.</summary>
internal static class CraftCXClaims
{
    public const string Tenant = "tenant";
    public const string Scope = "scope";
    public const string KeyId = "key_id";

    /// <summary>The agent an agent's own key acts as; absent for other keys.</summary>
    public const string Agent = "agent";

    /// <summary>"key" when the caller presented an API key, "token" for an access token.</summary>
    public const string CredentialKind = "credential";

    public static string ScopePolicy(string scope) => "scope:" + scope;
}
