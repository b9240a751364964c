using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Security;

/// <summary>Admits key-management calls that carry the operator key from configuration (header X-Operator-Key).</summary>
internal sealed class OperatorKeyFilter(IOptions<AuthOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var configured = options.Value.OperatorKey;
        if (string.IsNullOrEmpty(configured))
        {
            return ValueTask.FromResult<object?>(Http.Problems.Unavailable("No operator key is configured (Auth:OperatorKey); key management is off."));
        }

        var presented = context.HttpContext.Request.Headers["X-Operator-Key"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(configured)))
        {
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                "Key management needs the operator key in the X-Operator-Key header.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized"));
        }

        return next(context);
    }
}
