using CraftCX.Api.Http;
using CraftCX.Api.Security;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Dashboard;

/// <summary>
/// Answers 429 with a problem before a new hub connection is negotiated or upgraded when its key already holds
/// <see cref="LiveOptions.MaxConnectionsPerKey"/> connections on this silo.
/// </summary>
internal sealed class LiveConnectionLimit(RequestDelegate next, CredentialSessions sessions, IOptions<LiveOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Requests of an existing connection carry its id; only new connections are counted.
        var tenant = context.User.FindFirst(CraftCXClaims.Tenant)?.Value;
        var keyId = context.User.FindFirst(CraftCXClaims.KeyId)?.Value;
        if (tenant is not null && keyId is not null && !context.Request.Query.ContainsKey("id")
            && sessions.Count(tenant, keyId, LiveHub.SessionKind) >= options.Value.MaxConnectionsPerKey)
        {
            context.Response.Headers.RetryAfter = "5";
            await Problems.TooManyRequests($"This key already holds {options.Value.MaxConnectionsPerKey} live connections on this silo (Live:MaxConnectionsPerKey); close one first.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
