using CraftCX.Api.Audit;
using CraftCX.Api.Http;
using CraftCX.Security;
using CraftCX.Tenants;

namespace CraftCX.Api.Security;

/// <summary>Access tokens for browsers, and key management for operators.</summary>
internal static class AuthEndpoints
{
    /// <summary>The answer to POST /v1/auth/token.</summary>
    public sealed record AccessTokenResponse(string AccessToken, DateTimeOffset ExpiresAt, string Tenant, IReadOnlyList<string> Scopes);

    /// <summary>The body of POST /v1/admin/tenants/{tenant}/keys.</summary>
    /// <param name="Agent">Makes it an agent's own key: it acts as that agent (disputes are filed with such a key).</param>
    public sealed record CreateKeyRequest(string? Name, IReadOnlyList<string>? Scopes, string? Agent = null);

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/auth/token", (HttpContext context, AccessTokenIssuer issuer) =>
            {
                if (context.User.FindFirst(CraftCXClaims.CredentialKind)?.Value != "key")
                {
                    return Problems.BadRequest("API key required", "Access tokens are issued for API keys, not for other tokens.");
                }

                var (token, expires) = issuer.Issue(context.User);
                return TypedResults.Ok(new AccessTokenResponse(
                    token,
                    expires,
                    context.User.FindFirst(CraftCXClaims.Tenant)!.Value,
                    context.User.FindAll(CraftCXClaims.Scope).Select(c => c.Value).ToArray()));
            })
            .RequireAuthorization()
            .WithName("IssueAccessToken")
            .WithSummary("Exchange an API key for a short-lived access token (for browsers and the live hub)")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        var admin = endpoints.MapGroup("/v1/admin/tenants/{tenant}/keys").AddEndpointFilter<OperatorKeyFilter>();
        admin.MapPost("/", async (string tenant, CreateKeyRequest request, IGrainFactory grains) =>
            {
                if (RouteIds.CheckTenant(tenant) is { } invalid)
                {
                    return invalid;
                }

                try
                {
                    // An operator creating a key creates the tenant: from now on its events are taken in.
                    await grains.GetGrain<ITenantGrain>(tenant).RegisterAsync();
                }
                catch (InvalidOperationException ex)
                {
                    return Problems.Conflict(ex.Message);
                }

                try
                {
                    var created = await grains.GetGrain<IApiKeysGrain>(tenant).CreateAsync(request.Name ?? "unnamed", request.Scopes ?? [], request.Agent);
                    return TypedResults.Created($"/v1/admin/tenants/{tenant}/keys/{created.Info.KeyId}", created);
                }
                catch (ArgumentException ex)
                {
                    return Problems.BadRequest("Invalid key request", ex.Message);
                }
            })
            .Audited("key.create")
            .WithName("CreateApiKey")
            .WithSummary("Create an API key for a tenant (operator key required); the secret is shown only in this answer")
            .Produces<CreatedApiKey>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        admin.MapGet("/", async (string tenant, IGrainFactory grains) =>
                RouteIds.CheckTenant(tenant) ?? TypedResults.Ok(await grains.GetGrain<IApiKeysGrain>(tenant).ListAsync()))
            .WithName("ListApiKeys")
            .WithSummary("List a tenant's API keys without their secrets (operator key required)")
            .Produces<IReadOnlyList<ApiKeyInfo>>();

        admin.MapDelete("/{keyId}", async (string tenant, string keyId, IGrainFactory grains) =>
            {
                if ((RouteIds.CheckTenant(tenant) ?? RouteIds.CheckId("key", keyId)) is { } invalid)
                {
                    return invalid;
                }

                return await grains.GetGrain<IApiKeysGrain>(tenant).RevokeAsync(keyId)
                    ? TypedResults.NoContent()
                    : Problems.NotFound($"Tenant '{tenant}' has no key '{keyId}'.");
            })
            .Audited("key.revoke")
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key (operator key required); silos stop accepting it within Auth:KeyCacheTtl")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }
}
