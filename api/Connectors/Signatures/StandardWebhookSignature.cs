using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CraftCX.Api.Connectors.Signatures;

/// <summary>
/// Standard Webhooks (standardwebhooks.com): webhook-signature holds space-separated "v1,base64(HMAC-SHA256(key,
/// id.timestamp.body))" entries, any of which may match; the key is the base64 after "whsec_"; the timestamp is Unix seconds.
/// </summary>
internal static class StandardWebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    public static SignatureCheck Verify(ReadOnlySpan<byte> body, string? id, string? timestamp, string? signatures, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(id))
        {
            return SignatureCheck.MissingHeader(IdHeader);
        }

        if (string.IsNullOrEmpty(timestamp))
        {
            return SignatureCheck.MissingHeader(TimestampHeader);
        }

        if (string.IsNullOrEmpty(signatures))
        {
            return SignatureCheck.MissingHeader(SignatureHeader);
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
        {
            return SignatureCheck.Malformed(TimestampHeader, "is not Unix seconds");
        }

        if (TimestampWindow.Check(DateTimeOffset.FromUnixTimeSeconds(seconds), now, tolerance) is { } stale)
        {
            return stale;
        }

        var expected = Sign(body, id, timestamp, KeyOf(secret));
        Span<byte> given = stackalloc byte[64];
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Other versions (v1a: asymmetric) may sit beside v1; only v1 is checked.
            if (entry.StartsWith("v1,", StringComparison.Ordinal)
                && Convert.TryFromBase64String(entry[3..], given, out var written)
                && CryptographicOperations.FixedTimeEquals(expected, given[..written]))
            {
                return SignatureCheck.Valid;
            }
        }

        return SignatureCheck.Mismatch;
    }

    /// <summary>The key a secret names: base64 after "whsec_" (as the spec's libraries read it), else the secret's UTF-8 bytes.</summary>
    public static byte[] KeyOf(string secret)
    {
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : null;
        if (encoded is not null)
        {
            var buffer = new byte[encoded.Length];
            if (Convert.TryFromBase64String(encoded, buffer, out var written))
            {
                return buffer[..written];
            }
        }

        return Encoding.UTF8.GetBytes(secret);
    }

    public static byte[] Sign(ReadOnlySpan<byte> body, string id, string timestamp, byte[] key)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, signed);
    }
}
