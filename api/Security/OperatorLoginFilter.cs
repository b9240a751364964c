using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Security;

/// <summary>
/// The operator key for pages a browser opens (the Orleans Dashboard): the X-Operator-Key header, or HTTP Basic with
/// the key as the password, so that the browser asks for it once rather than a proxy having to add a header.
/// </summary>
internal sealed class OperatorLoginFilter(IOptions<AuthOptions> options) : IEndpointFilter
{
    public const string Realm = "CraftCX operator";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var configured = options.Value.OperatorKey;
        if (string.IsNullOrEmpty(configured))
        {
            return ValueTask.FromResult<object?>(Http.Problems.Unavailable("No operator key is configured (Auth:OperatorKey); the operator pages are off."));
        }

        var request = context.HttpContext.Request;
        var presented = request.Headers["X-Operator-Key"].ToString();
        if (presented.Length == 0 && AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } encoded)
        {
            presented = PasswordOf(encoded);
        }

        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(configured)))
        {
            return next(context);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
        return ValueTask.FromResult<object?>(TypedResults.Problem(
            "The operator pages need the operator key: as the password (any user name), or in the X-Operator-Key header.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized"));
    }

    private static string PasswordOf(string encoded)
    {
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? string.Empty : pair[(colon + 1)..];
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }
}
