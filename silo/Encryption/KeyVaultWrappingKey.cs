using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using CraftCX.Encryption;

namespace CraftCX.Silo.Encryption;

/// <summary>
/// A key-encryption key held in Azure Key Vault: data keys are wrapped and unwrapped by the vault (RSA-OAEP-256), so
/// the key never reaches the silo. RSA-OAEP binds no context, so the wrapped value is SHA-256(context) and the key:
/// a wrapped key moved to another tenant or version unwraps to the wrong prefix and is refused. The two REST calls
/// go through Azure.Core's pipeline (token, retries); Azure.Security.KeyVault.Keys would replace it, but that package
/// is not served to this build (docs/encryption.md).
/// </summary>
internal sealed class KeyVaultWrappingKey(KeyVaultKeyAddress address, int version, string setting, HttpPipeline pipeline, KeyVaultKeyClientOptions options) : IKeyEncryptionKey
{
    private const string Algorithm = "RSA-OAEP-256";

    public int Version { get; } = version;

    public async ValueTask<byte[]> WrapAsync(ReadOnlyMemory<byte> value, string context, CancellationToken cancellationToken)
    {
        var bound = new byte[SHA256.HashSizeInBytes + value.Length];
        SHA256.HashData(Encoding.UTF8.GetBytes(context), bound);
        value.Span.CopyTo(bound.AsSpan(SHA256.HashSizeInBytes));
        try
        {
            return await CallAsync("wrapkey", bound, cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bound);
        }
    }

    public async ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrapped, string context, CancellationToken cancellationToken)
    {
        var bound = await CallAsync("unwrapkey", wrapped, cancellationToken);
        try
        {
            var expected = SHA256.HashData(Encoding.UTF8.GetBytes(context));
            return bound.Length > expected.Length && CryptographicOperations.FixedTimeEquals(bound.AsSpan(0, expected.Length), expected)
                ? bound[expected.Length..]
                : throw new TamperedValueException("A wrapped data key unwrapped by Key Vault belongs to another tenant or version: it was moved or changed.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bound);
        }
    }

    private async Task<byte[]> CallAsync(string operation, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(new Uri($"{address.KeyId}/{operation}"));
        request.Uri.AppendQuery("api-version", options.ApiVersion);
        request.Headers.Add(HttpHeader.Common.JsonContentType);
        request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["alg"] = Algorithm,
            ["value"] = Base64Url.EncodeToString(value.Span),
        }));
        await pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (response.Status is 401 or 403 or 404)
        {
            throw new InvalidOperationException($"{setting} was refused by Key Vault ({response.Status} {response.ReasonPhrase}) for {operation}: give the silo's identity the 'wrapKey' and 'unwrapKey' permissions on key '{address.Name}', or fix the id.");
        }

        if (response.IsError)
        {
            throw new RequestFailedException(response);
        }

        using var json = JsonDocument.Parse(response.Content.ToMemory());
        return json.RootElement.TryGetProperty("value", out var result) && result.GetString() is { } text
            ? Base64Url.DecodeFromChars(text)
            : throw new InvalidOperationException($"{setting}: Key Vault's {operation} answer has no value.");
    }
}
