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
/// the key never reaches the silo. RSA-OAEP binds no context and needs only the public key, so two things are added:
/// the wrapped value is SHA-256(context) and the key (a key moved to another tenant or version unwraps to the wrong
/// prefix), and the vault signs SHA-256(context and the wrapped bytes) with the same key (RS256), checked with its
/// public key before any unwrap (someone who can write to the key store cannot plant a data key of their own). The
/// calls go through Azure.Core's pipeline (token, retries); Azure.Security.KeyVault.Keys would replace it, but that
/// package is not served to this build (docs/encryption.md).
/// </summary>
internal sealed class KeyVaultWrappingKey(KeyVaultKeyAddress address, int version, string setting, HttpPipeline pipeline, KeyVaultKeyClientOptions options) : IKeyEncryptionKey
{
    private const int LengthPrefix = 2;
    private readonly SemaphoreSlim _publicKeyGate = new(1, 1);
    private RSA? _publicKey;

    public int Version { get; } = version;

    public async ValueTask<byte[]> WrapAsync(ReadOnlyMemory<byte> value, string context, CancellationToken cancellationToken)
    {
        var bound = new byte[SHA256.HashSizeInBytes + value.Length];
        SHA256.HashData(Encoding.UTF8.GetBytes(context), bound);
        value.Span.CopyTo(bound.AsSpan(SHA256.HashSizeInBytes));
        byte[] wrapped;
        try
        {
            wrapped = await CallAsync("wrapkey", "RSA-OAEP-256", bound, cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bound);
        }

        // Stored as: the wrapped bytes' length (2 bytes, big endian), the wrapped bytes, the vault's signature.
        var signature = await CallAsync("sign", "RS256", Digest(context, wrapped), cancellationToken);
        var stored = new byte[LengthPrefix + wrapped.Length + signature.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(stored, checked((ushort)wrapped.Length));
        wrapped.CopyTo(stored, LengthPrefix);
        signature.CopyTo(stored, LengthPrefix + wrapped.Length);
        return stored;
    }

    public async ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> stored, string context, CancellationToken cancellationToken)
    {
        var wrappedLength = stored.Length >= LengthPrefix ? System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(stored.Span) : 0;
        if (wrappedLength == 0 || stored.Length <= LengthPrefix + wrappedLength)
        {
            throw new TamperedValueException("A data key wrapped by Key Vault is truncated or changed.");
        }

        var wrapped = stored.Slice(LengthPrefix, wrappedLength).ToArray();
        var signature = stored[(LengthPrefix + wrappedLength)..].ToArray();
        var publicKey = await PublicKeyAsync(cancellationToken);
        if (!publicKey.VerifyHash(Digest(context, wrapped), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            throw new TamperedValueException("A data key wrapped by Key Vault does not carry the vault key's signature for its tenant and version: it was moved, changed or planted.");
        }

        var bound = await CallAsync("unwrapkey", "RSA-OAEP-256", wrapped, cancellationToken);
        try
        {
            var expected = SHA256.HashData(Encoding.UTF8.GetBytes(context));
            return bound.Length > expected.Length && CryptographicOperations.FixedTimeEquals(bound.AsSpan(0, expected.Length), expected)
                ? bound[expected.Length..]
                : throw new TamperedValueException("A data key unwrapped by Key Vault belongs to another tenant or version.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bound);
        }
    }

    private static byte[] Digest(string context, byte[] wrapped)
    {
        var contextBytes = Encoding.UTF8.GetBytes(context);
        var data = new byte[contextBytes.Length + 1 + wrapped.Length];
        contextBytes.CopyTo(data, 0);
        wrapped.CopyTo(data, contextBytes.Length + 1);
        return SHA256.HashData(data);
    }

    // The key's public half, read once (GET keys/{name}/{version}): signatures are checked here, not by the vault.
    private async Task<RSA> PublicKeyAsync(CancellationToken cancellationToken)
    {
        if (_publicKey is { } known)
        {
            return known;
        }

        await _publicKeyGate.WaitAsync(cancellationToken);
        try
        {
            if (_publicKey is null)
            {
                using var json = await SendAsync(RequestMethod.Get, address.KeyId.AbsoluteUri, null, "get", cancellationToken);
                var jwk = json.RootElement.GetProperty("key");
                var rsa = RSA.Create();
                rsa.ImportParameters(new RSAParameters
                {
                    Modulus = Base64Url.DecodeFromChars(jwk.GetProperty("n").GetString()),
                    Exponent = Base64Url.DecodeFromChars(jwk.GetProperty("e").GetString()),
                });
                _publicKey = rsa;
            }

            return _publicKey;
        }
        finally
        {
            _publicKeyGate.Release();
        }
    }

    private async Task<byte[]> CallAsync(string operation, string algorithm, byte[] value, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = algorithm, ["value"] = Base64Url.EncodeToString(value) });
        using var json = await SendAsync(RequestMethod.Post, $"{address.KeyId.AbsoluteUri}/{operation}", body, operation, cancellationToken);
        return json.RootElement.TryGetProperty("value", out var result) && result.GetString() is { } text
            ? Base64Url.DecodeFromChars(text)
            : throw new KeyEncryptionKeyRefusedException($"{setting}: Key Vault's {operation} answer has no value.");
    }

    private async Task<JsonDocument> SendAsync(RequestMethod method, string uri, byte[]? body, string operation, CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(new Uri(uri));
        request.Uri.AppendQuery("api-version", options.ApiVersion);
        if (body is not null)
        {
            request.Headers.Add(HttpHeader.Common.JsonContentType);
            request.Content = RequestContent.Create(body);
        }

        await pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        var code = response.IsError ? ErrorCode(response) : null;
        switch (response.Status)
        {
            case 401:
                throw new KeyEncryptionKeyRefusedException($"{setting}: Key Vault refused the silo's token for {operation} (401 {code}): check the identity's tenant (AZURE_TENANT_ID) and, outside the public cloud, the vault's cloud.");
            case 403:
                throw new KeyEncryptionKeyRefusedException($"{setting} was refused by Key Vault (403 {code}) for {operation}: give the silo's identity the 'get', 'wrapKey', 'unwrapKey' and 'sign' permissions on key '{address.Name}'.");
            case 404:
                throw new KeyEncryptionKeyRefusedException($"{setting} was refused by Key Vault (404 {code}) for {operation}: there is no key '{address.Name}' version '{address.Version}' in {address.Vault.Host}.");
            case 400 when operation == "unwrapkey":
                // Not a value this key wrapped (another key version, a changed blob): tampered, not a settings problem.
                throw new TamperedValueException($"Key Vault could not unwrap a data key with {setting} ({code}).");
        }

        if (response.IsError)
        {
            throw new RequestFailedException(response);
        }

        return JsonDocument.Parse(response.Content.ToMemory());
    }

    private static string? ErrorCode(Response response)
    {
        try
        {
            using var json = JsonDocument.Parse(response.Content.ToMemory());
            return json.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
