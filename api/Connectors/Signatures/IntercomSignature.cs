using System.Security.Cryptography;
using System.Text;

namespace CraftCX.Api.Connectors.Signatures;

/// <summary>Intercom webhooks: X-Hub-Signature = "sha1=" + hex(HMAC-SHA1(app client secret, raw body)); Intercom signs no timestamp.</summary>
internal static class IntercomSignature
{
    public const string SignatureHeader = "X-Hub-Signature";
    private const string Prefix = "sha1=";

    public static SignatureCheck Verify(ReadOnlySpan<byte> body, string? signature, string secret)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.MissingHeader(SignatureHeader);
        }

        var value = signature.Trim();
        if (!value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || value.Length != Prefix.Length + 40)
        {
            return SignatureCheck.Malformed(SignatureHeader, "is not sha1= and 40 hex digits");
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(value.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return SignatureCheck.Malformed(SignatureHeader, "is not sha1= and 40 hex digits");
        }

        return CryptographicOperations.FixedTimeEquals(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body), given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }
}
