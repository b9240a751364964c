using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CraftCX.Api.Security;

/// <summary>The key that signs and checks access tokens: configured, or random for this process (Development only).</summary>
internal sealed class TokenSigningKey(IOptions<AuthOptions> options)
{
    public SymmetricSecurityKey Key { get; } = new(Resolve(options.Value.TokenSigningKey)) { KeyId = "craftcx" };

    public const string Issuer = "craftcx";
    public const string Audience = "craftcx-live";

    /// <summary>Decodes a configured key; false when it is not base64 of at least 32 bytes.</summary>
    public static bool TryDecode(string configured, out byte[] key)
    {
        key = [];
        var buffer = new byte[configured.Length];
        if (!Convert.TryFromBase64String(configured.Trim(), buffer, out var written) || written < 32)
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }

    private static byte[] Resolve(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return RandomNumberGenerator.GetBytes(32);
        }

        return TryDecode(configured, out var key) ? key : throw new InvalidOperationException("Auth:TokenSigningKey must be base64 of at least 32 bytes.");
    }
}
