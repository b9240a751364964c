using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Http;

/// <summary>Caps the body of settings-like routes at <see cref="ApiOptions.MaxSettingsRequestBytes"/> (larger: 413).</summary>
internal static class BodyLimits
{
    public static TBuilder WithSettingsBodyLimit<TBuilder>(this TBuilder builder, IEndpointRouteBuilder endpoints)
        where TBuilder : IEndpointConventionBuilder
    {
        var limit = endpoints.ServiceProvider.GetRequiredService<IOptions<ApiOptions>>().Value.MaxSettingsRequestBytes;
        return builder.WithMetadata(new RequestSizeLimitAttribute(limit));
    }
}
