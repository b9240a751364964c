using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CraftCX.Testing;

/// <summary>
/// A local HTTPS fake of Azure Key Vault's secrets route (GET /secrets/{name}/{version}), for the real client library,
/// and of its key routes (GET /keys/{name}/{version}, POST .../wrapkey, .../unwrapkey with RSA-OAEP-256 and
/// .../sign with RS256, over RSA keys made by <see cref="CreateKey"/>): it answers an unauthenticated request with Key Vault's bearer challenge, then
/// serves the one token it knows. Its certificate is self-signed for 127.0.0.1; <see cref="CreateTrustingHandler"/>
/// trusts only it.
/// </summary>
public sealed class FakeKeyVault : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;

    private FakeKeyVault(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The bearer token it accepts.</summary>
    public string Token { get; } = "fake-vault-token-" + Guid.NewGuid().ToString("N");

    /// <summary>Secrets by name (the latest version).</summary>
    public ConcurrentDictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>RSA keys by "name/version" (<see cref="CreateKey"/>); other names answer 404 as Key Vault does.</summary>
    public ConcurrentDictionary<string, RSA> Keys { get; } = new(StringComparer.Ordinal);

    /// <summary>Creates an RSA key (2048 bits) under a name and version, as `az keyvault key create` would.</summary>
    public void CreateKey(string name, string version) => Keys[$"{name}/{version}"] = RSA.Create(2048);

    /// <summary>Set to answer every authenticated request with this status (403: the identity lacks permission).</summary>
    public int? RefuseWith { get; set; }

    /// <summary>"METHOD path authorized|anonymous" of every request, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<FakeKeyVault> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var vault = new FakeKeyVault(app, certificate);
        app.MapGet("/secrets/{name}/{version?}", (string name, string? version, HttpContext http) => vault.Answer(name, version, http));
        app.MapPost("/keys/{name}/{version}/{operation}", (string name, string version, string operation, KeyOperation body, HttpContext http) => vault.Operate(name, version, operation, body, http));
        app.MapGet("/keys/{name}/{version}", (string name, string version, HttpContext http) => vault.PublicKey(name, version, http));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        vault.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return vault;
    }

    /// <summary>An HTTP handler that trusts this fake's certificate and no other.</summary>
    public HttpClientHandler CreateTrustingHandler() => new()
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == _certificate.Thumbprint,
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    /// <summary>The body of wrapkey and unwrapkey.</summary>
    public sealed record KeyOperation(string? Alg, string? Value);

    private IResult Operate(string name, string version, string operation, KeyOperation body, HttpContext http)
    {
        if (Refusal(http) is { } refused)
        {
            return refused;
        }

        if (!Keys.TryGetValue($"{name}/{version}", out var key))
        {
            return KeyNotFound(name);
        }

        var expected = operation switch { "wrapkey" or "unwrapkey" => "RSA-OAEP-256", "sign" => "RS256", _ => null };
        if (expected is null || body.Alg != expected || body.Value is null || http.Request.Query["api-version"].Count == 0)
        {
            return BadParameter("Unsupported operation or algorithm, or a missing value.");
        }

        var value = System.Buffers.Text.Base64Url.DecodeFromChars(body.Value);
        byte[] result;
        try
        {
            result = operation switch
            {
                "wrapkey" => key.Encrypt(value, RSAEncryptionPadding.OaepSHA256),
                "unwrapkey" => key.Decrypt(value, RSAEncryptionPadding.OaepSHA256),
                _ => key.SignHash(value, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            };
        }
        catch (CryptographicException)
        {
            return BadParameter("The value could not be processed with this key.");
        }

        return Results.Json(new { kid = $"{BaseAddress}keys/{name}/{version}", value = System.Buffers.Text.Base64Url.EncodeToString(result) });
    }

    // The public half as a JWK, as GET keys/{name}/{version} returns it.
    private IResult PublicKey(string name, string version, HttpContext http)
    {
        if (Refusal(http) is { } refused)
        {
            return refused;
        }

        if (!Keys.TryGetValue($"{name}/{version}", out var key))
        {
            return KeyNotFound(name);
        }

        var parameters = key.ExportParameters(includePrivateParameters: false);
        return Results.Json(new
        {
            key = new
            {
                kid = $"{BaseAddress}keys/{name}/{version}",
                kty = "RSA",
                key_ops = new[] { "wrapKey", "unwrapKey", "sign", "verify" },
                n = System.Buffers.Text.Base64Url.EncodeToString(parameters.Modulus),
                e = System.Buffers.Text.Base64Url.EncodeToString(parameters.Exponent),
            },
            attributes = new { enabled = true },
        });
    }

    private static IResult KeyNotFound(string name) =>
        Results.Json(new { error = new { code = "KeyNotFound", message = $"A key with (name/id) {name} was not found in this key vault." } }, statusCode: StatusCodes.Status404NotFound);

    private static IResult BadParameter(string message) =>
        Results.Json(new { error = new { code = "BadParameter", message } }, statusCode: StatusCodes.Status400BadRequest);

    // Key Vault's challenge for a request without the token; the configured refusal for one with it.
    private IResult? Refusal(HttpContext http)
    {
        var authorized = http.Request.Headers.Authorization.ToString() == "Bearer " + Token;
        Requests.Enqueue($"{http.Request.Method} {http.Request.Path} {(authorized ? "authorized" : "anonymous")}");
        if (!authorized)
        {
            // Where to get a token, and for which resource.
            http.Response.Headers.WWWAuthenticate = "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\"";
            return Results.Json(new { error = new { code = "Unauthorized", message = "AKV10000: Request is missing a Bearer or PoP token." } }, statusCode: StatusCodes.Status401Unauthorized);
        }

        return RefuseWith is { } status
            ? Results.Json(new { error = new { code = "Forbidden", message = "The user, group or application does not have the permission for this operation." } }, statusCode: status)
            : null;
    }

    private IResult Answer(string name, string? version, HttpContext http)
    {
        if (Refusal(http) is { } refused)
        {
            return refused;
        }

        if (!Secrets.TryGetValue(name, out var value))
        {
            return Results.Json(new { error = new { code = "SecretNotFound", message = $"A secret with (name/id) {name} was not found in this key vault." } }, statusCode: StatusCodes.Status404NotFound);
        }

        var id = $"{BaseAddress}secrets/{name}/{version ?? "0123456789abcdef0123456789abcdef"}";
        return Results.Json(new { value, id, attributes = new { enabled = true, created = 1764547200, updated = 1764547200, recoveryLevel = "Recoverable" } });
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
