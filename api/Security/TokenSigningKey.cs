using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CraftCX.Api.Security;

/// <summary>The key that signs and checks access tokens: configured, or random for this process.</summary>
public sealed class TokenSigningKey(IOptions<AuthOptions> options)
{
    public SymmetricSecurityKey Key { get; } = new(Resolve(options.Value.TokenSigningKey)) { KeyId = "craftcx" };

    public const string Issuer = "craftcx";
    public const string Audience = "craftcx-live";

    private static byte[] Resolve(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return RandomNumberGenerator.GetBytes(32);
        }

        var bytes = Convert.FromBase64String(configured);
        return bytes.Length >= 32 ? bytes : throw new InvalidOperationException("Auth:TokenSigningKey must be base64 of at least 32 bytes.");
    }
}
