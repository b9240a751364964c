using System.Security.Cryptography;
using System.Text;

namespace CraftCX.Security;

/// <summary>
/// Generates key material and checks secrets. The secrets are 256 random bits, so a salted SHA-256 is enough: the
/// slow hashes that passwords need defend low-entropy input, which these are not.
/// </summary>
internal static class ApiKeyHasher
{
    public static string NewKeyId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();

    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static (byte[] Salt, byte[] Hash) Hash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return (salt, Hash(salt, secret));
    }

    public static bool Verify(string secret, byte[] salt, byte[] expected) =>
        CryptographicOperations.FixedTimeEquals(Hash(salt, secret), expected);

    private static byte[] Hash(byte[] salt, string secret)
    {
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        var input = new byte[salt.Length + secretBytes.Length];
        salt.CopyTo(input, 0);
        secretBytes.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
