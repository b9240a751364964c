namespace CraftCX.Privacy.EndUsers;

/// <summary>The end-user index and the handling of restricted end users (section "Privacy").</summary>
internal sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// Base64 of at least 32 random bytes, the same on every silo and kept for the life of the data: the index is
    /// keyed by hashes under it, so a new key finds nothing indexed before. Empty only in Development (a random key
    /// per process).
    /// </summary>
    public string IndexKey { get; set; } = string.Empty;

    /// <summary>Events a restricted conversation keeps unprocessed; more are dead-lettered with the reason.</summary>
    public int MaxHeldBackEvents { get; set; } = 2000;

    /// <summary>Text a restricted conversation keeps unprocessed, in UTF-8 bytes; more is dead-lettered with the reason.</summary>
    public int MaxHeldBackBytes { get; set; } = 4 * 1024 * 1024;

    public static bool TryDecodeKey(string? text, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return false;
        }

        return key.Length >= 32;
    }
}
