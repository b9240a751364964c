using CraftCX.Api.Security;
using CraftCX.Audit;
using CraftCX.Events;
using Microsoft.Extensions.Logging;

namespace CraftCX.Api.Audit;

/// <summary>
/// Appends what an endpoint did to its tenant's audit log: who (the key, or the operator), the action, the route's
/// ids and the answer's status. Runs inside the tenant and operator checks, so refused credentials log nothing here.
/// </summary>
internal sealed partial class AuditFilter(string action, IGrainFactory grains, ILogger<AuditFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            // Whatever went wrong, the attempt is recorded before the error goes on.
            await AppendAsync(context.HttpContext, "500");
            throw;
        }

        await AppendAsync(context.HttpContext, Outcome(result, context.HttpContext));
        return result;
    }

    private async Task AppendAsync(HttpContext http, string outcome)
    {
        if (http.GetRouteValue("tenant") is not string tenant || !IdRules.IsValidScope(tenant))
        {
            return;
        }

        var record = new AuditRecord(Actor(http), action, Target(http), outcome);
        try
        {
            await grains.GetGrain<IAuditLogGrain>(tenant).AppendAsync(record);
        }
        catch (Exception ex)
        {
            // The action is done; its answer stands, and the missing entry is logged (ids only) for the operator.
            LogAppendFailed(ex, action, tenant);
        }
    }

    private static string Actor(HttpContext http) =>
        http.User.FindFirst(CraftCXClaims.KeyId)?.Value is { } keyId ? $"key:{keyId}" : "operator";

    // Route ids only (validated before any handler uses them), never a body or a query value.
    private static string Target(HttpContext http) =>
        string.Join(' ', http.Request.RouteValues
            .Where(v => v.Key != "tenant" && v.Value is string)
            .OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v => $"{v.Key}={(IdRules.IsValidId((string)v.Value!) ? v.Value : "(invalid)")}"));

    private static string Outcome(object? result, HttpContext http) =>
        (result is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry {Action} of tenant {Tenant} could not be stored")]
    private partial void LogAppendFailed(Exception exception, string action, string tenant);
}
