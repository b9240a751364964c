using CraftCX.Events;

namespace CraftCX.Security;

/// <summary>
/// API keys read "ccx_{tenant}_{keyId}_{secret}": the tenant and key id route the check to the right tenant grain
/// without a global index; only the secret is secret.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "ccx_";

    public static string Compose(string tenant, string keyId, string secret) => $"{Prefix}{tenant}_{keyId}_{secret}";

    public static bool TryParse(string? key, out string tenant, out string keyId, out string secret)
    {
        tenant = keyId = secret = string.Empty;
        if (key is null || key.Length > 300 || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = key[Prefix.Length..].Split('_', 3);
        if (parts.Length != 3 || !IdRules.IsValidScope(parts[0]) || !IdRules.IsValidId(parts[1]) || parts[2].Length < 16)
        {
            return false;
        }

        (tenant, keyId, secret) = (parts[0], parts[1], parts[2]);
        return true;
    }
}
