using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Security;

/// <summary>Authenticates "Authorization: Bearer ccx_…" or "X-Api-Key: ccx_…" against the tenant's hashed keys.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyValidator validator,
    FailedKeyThrottle failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var header) && header.Count > 0)
        {
            return header[0];
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ccx_", StringComparison.Ordinal) ? authorization["Bearer ".Length..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = PresentedKey(Request);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!validator.TryGetCached(key, out var verification))
        {
            var client = "ip:" + Context.Connection.RemoteIpAddress;
            if (failures.IsExhausted(client))
            {
                Context.Items[ThrottledKey] = true;
                return AuthenticateResult.Fail("Too many invalid API keys from this address.");
            }

            verification = await validator.ValidateAsync(key);
            if (verification is null)
            {
                failures.OnFailure(client);
                return AuthenticateResult.Fail("The API key is not valid.");
            }
        }

        var claims = new List<Claim>
        {
            new(CraftCXClaims.Tenant, verification.Tenant),
            new(CraftCXClaims.KeyId, verification.KeyId),
            new(CraftCXClaims.CredentialKind, "key"),
            new(ClaimTypes.Name, verification.Name),
        };
        claims.AddRange(verification.Scopes.Select(s => new Claim(CraftCXClaims.Scope, s)));
        if (verification.Agent is { } agent)
        {
            claims.Add(new Claim(CraftCXClaims.Agent, agent));
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(ThrottledKey))
        {
            Context.Response.Headers.RetryAfter = "1";
            return AuthProblems.WriteAsync(Context, StatusCodes.Status429TooManyRequests);
        }

        return AuthProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized);
    }

    private const string ThrottledKey = "craftcx.failed-keys-throttled";

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteAsync(Context, StatusCodes.Status403Forbidden);
}
