using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CraftCX.Api.Security;

/// <summary>Puts a route the host maps itself (e.g. the metrics scrape) behind the operator key, like /v1/admin.</summary>
public static class OperatorKeyEndpoints
{
    public static TBuilder RequireOperatorKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.AddEndpointFilter<TBuilder, OperatorKeyFilter>();
}
