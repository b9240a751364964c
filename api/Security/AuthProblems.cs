namespace CraftCX.Api.Security;

/// <summary>401, 403 and 429 as ProblemDetails that say what to do and leak nothing about keys or tenants.</summary>
internal static class AuthProblems
{
    public static Task WriteAsync(HttpContext context, int status)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        var (title, detail) = status switch
        {
            StatusCodes.Status401Unauthorized => ("Unauthorized", "Send a valid API key (Authorization: Bearer ccx_… or X-Api-Key) or access token."),
            StatusCodes.Status403Forbidden => ("Forbidden", "The credential does not have the scope this operation needs."),
            _ => ("Too many requests", "The rate limit of this credential is exhausted; retry after the time in Retry-After."),
        };
        context.Response.StatusCode = status;
        return Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
    }
}
