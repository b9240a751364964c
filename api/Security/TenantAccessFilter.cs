namespace CraftCX.Api.Security;

/// <summary>
/// The tenant comes from the credential: a route naming another tenant answers 404, as if that tenant's data did
/// not exist, so that a key cannot even learn which tenants or ids exist elsewhere.
/// </summary>
internal sealed class TenantAccessFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var routeTenant = context.HttpContext.GetRouteValue("tenant") as string;
        var tenant = context.HttpContext.User.FindFirst(CraftCXClaims.Tenant)?.Value;
        if (routeTenant is null || !string.Equals(routeTenant, tenant, StringComparison.Ordinal))
        {
            return ValueTask.FromResult<object?>(Http.Problems.NotFound("Not found."));
        }

        return next(context);
    }
}
