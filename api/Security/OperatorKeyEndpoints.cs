using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CraftCX.Api.Security;

/// <summary>Puts routes the host maps itself (the metrics scrape, the Orleans Dashboard) behind the operator key, like /v1/admin.</summary>
public static class OperatorKeyEndpoints
{
    public static TBuilder RequireOperatorKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.AddEndpointFilter<TBuilder, OperatorKeyFilter>();

    /// <summary>The same key for pages a browser opens: also accepted as an HTTP Basic password, which the browser asks for.</summary>
    public static TBuilder RequireOperatorLogin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.AddEndpointFilter<TBuilder, OperatorLoginFilter>();
}
