namespace CraftCX.Encryption;

/// <summary>A Key Vault secret's address, https://vault/secrets/name[/version], split into the vault, the name and the version.</summary>
public sealed record KeyVaultSecretAddress(Uri Vault, string Name, string? Version)
{
    public static bool TryParse(string? text, out KeyVaultSecretAddress? address)
    {
        address = null;
        if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.Query))
        {
            return false;
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        if (segments.Length is < 2 or > 3 || segments[0] != "secrets" || segments.Any(string.IsNullOrWhiteSpace))
        {
            return false;
        }

        address = new KeyVaultSecretAddress(new Uri(uri.GetLeftPart(UriPartial.Authority)), segments[1], segments.Length == 3 ? segments[2] : null);
        return true;
    }
}
