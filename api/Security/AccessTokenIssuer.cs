using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CraftCX.Api.Security;

/// <summary>
/// Exchanges an API key for a short-lived signed access token (JWT) with the same tenant and scopes. Browsers use
/// it for the hub, where WebSockets can only carry it in the URL: a token that expires in minutes, not the key.
/// </summary>
internal sealed class AccessTokenIssuer(TokenSigningKey signingKey, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public (string Token, DateTimeOffset ExpiresAt) Issue(ClaimsPrincipal keyHolder)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.TokenLifetime;
        var claims = keyHolder.Claims
            .Where(c => c.Type is CraftCXClaims.Tenant or CraftCXClaims.Scope or CraftCXClaims.KeyId or CraftCXClaims.Agent)
            .Select(c => new Claim(c.Type, c.Value))
            .Append(new Claim(CraftCXClaims.CredentialKind, "token"));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenSigningKey.Issuer,
            Audience = TokenSigningKey.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
