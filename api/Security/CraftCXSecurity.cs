using System.Threading.RateLimiting;
using CraftCX.Api.Configuration;
using CraftCX.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CraftCX.Api.Security;

/// <summary>Authentication (API keys and access tokens), scope policies and per-key rate limiting.</summary>
internal static class CraftCXSecurity
{
    public const string Scheme = "CraftCX";

    public static IServiceCollection AddCraftCXSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section))
            .ValidateAnnotationsOnStart<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.Section);
        services.AddSingleton<ApiKeyValidator>();
        services.AddSingleton<CredentialSessions>();
        services.AddSingleton<FailedKeyThrottle>();
        services.AddHostedService<CredentialRevalidator>();
        services.AddSingleton<TokenSigningKey>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<TenantAccessFilter>();
        services.AddSingleton<OperatorKeyFilter>();
        services.AddSingleton<OperatorLoginFilter>();

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or access token", o => o.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.PresentedKey(context.Request) is not null
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenSigningKey>((o, signingKey) =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = TokenSigningKey.Issuer,
                    ValidAudience = TokenSigningKey.Audience,
                    IssuerSigningKey = signingKey.Key,
                    NameClaimType = CraftCXClaims.KeyId,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        // WebSockets from a browser cannot set headers: the hub accepts a token (never a key) in the URL.
                        var query = context.Request.Query["access_token"].ToString();
                        if (query.Length > 0 && context.Request.Path.StartsWithSegments("/hubs") && !query.StartsWith(ApiKeyFormat.Prefix, StringComparison.Ordinal))
                        {
                            context.Token = query;
                        }

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = async context =>
                    {
                        // A token lives longer than the key cache: it is refused once the key it was made from is revoked.
                        var tenant = context.Principal?.FindFirst(CraftCXClaims.Tenant)?.Value;
                        var keyId = context.Principal?.FindFirst(CraftCXClaims.KeyId)?.Value;
                        var validator = context.HttpContext.RequestServices.GetRequiredService<ApiKeyValidator>();
                        try
                        {
                            if (tenant is null || keyId is null || !await validator.IsActiveAsync(tenant, keyId))
                            {
                                context.Fail("The key this token was made from is revoked.");
                            }
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            // Never a 500: a key whose state cannot be learnt is not trusted.
                            context.Fail("The key this token was made from could not be checked.");
                        }
                    },
                    OnChallenge = context =>
                    {
                        context.HandleResponse();
                        return AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized);
                    },
                    OnForbidden = context => AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden),
                };
            });

        var authorization = services.AddAuthorizationBuilder();
        foreach (var scope in ApiScopes.All)
        {
            authorization.AddPolicy(CraftCXClaims.ScopePolicy(scope), p => p.RequireClaim(CraftCXClaims.Scope, scope));
        }

        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                // One bucket per credential (key ids are random per tenant, so the tenant is part of the bucket);
                // unauthenticated calls share one per client address.
                var key = context.User.FindFirst(CraftCXClaims.KeyId)?.Value is { } keyId
                    ? context.User.FindFirst(CraftCXClaims.Tenant)?.Value + "/" + keyId
                    : "ip:" + context.Connection.RemoteIpAddress;
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                return new ValueTask(AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests));
            };
        });
        return services;
    }

    /// <summary>Requires a scope and checks that the route's tenant is the caller's.</summary>
    public static TBuilder RequireTenantScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(CraftCXClaims.ScopePolicy(scope));
        builder.AddEndpointFilter<TBuilder, TenantAccessFilter>();
        return builder;
    }
}
