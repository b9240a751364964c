namespace CraftCX.Encryption;

/// <summary>
/// A Key Vault key's id, https://vault/keys/name/version, split into the vault, the name and the version. The
/// version is required: what a key version wrapped only that version unwraps.
/// </summary>
public sealed record KeyVaultKeyAddress(Uri Vault, string Name, string Version)
{
    public Uri KeyId => new(Vault, $"keys/{Uri.EscapeDataString(Name)}/{Uri.EscapeDataString(Version)}");

    public static bool TryParse(string? text, out KeyVaultKeyAddress? address)
    {
        address = null;
        if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.Query))
        {
            return false;
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        if (segments.Length != 3 || segments[0] != "keys" || segments.Any(string.IsNullOrWhiteSpace))
        {
            return false;
        }

        address = new KeyVaultKeyAddress(new Uri(uri.GetLeftPart(UriPartial.Authority) + "/"), segments[1], segments[2]);
        return true;
    }
}
