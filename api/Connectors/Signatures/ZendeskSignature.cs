using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CraftCX.Api.Connectors.Signatures;

/// <summary>
/// Zendesk webhooks: X-Zendesk-Webhook-Signature = base64(HMAC-SHA256(secret, timestamp + raw body)), with the
/// timestamp from X-Zendesk-Webhook-Signature-Timestamp (ISO 8601, UTC).
/// </summary>
internal static class ZendeskSignature
{
    public const string SignatureHeader = "X-Zendesk-Webhook-Signature";
    public const string TimestampHeader = "X-Zendesk-Webhook-Signature-Timestamp";

    public static SignatureCheck Verify(ReadOnlySpan<byte> body, string? signature, string? timestamp, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.MissingHeader(SignatureHeader);
        }

        if (string.IsNullOrEmpty(timestamp))
        {
            return SignatureCheck.MissingHeader(TimestampHeader);
        }

        if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
        {
            return SignatureCheck.Malformed(TimestampHeader, "is not an ISO 8601 time");
        }

        if (TimestampWindow.Check(signedAt, now, tolerance) is { } stale)
        {
            return stale;
        }

        var expected = Sign(body, timestamp, secret);
        Span<byte> given = stackalloc byte[64];
        if (!Convert.TryFromBase64String(signature.Trim(), given, out var written))
        {
            return SignatureCheck.Malformed(SignatureHeader, "is not base64");
        }

        return CryptographicOperations.FixedTimeEquals(expected, given[..written]) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The raw HMAC of timestamp + body.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> body, string timestamp, string secret)
    {
        var signed = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var prefix = Encoding.UTF8.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(prefix));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
