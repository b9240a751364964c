using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace CraftCX.Api.Http;

/// <summary>
/// A body that cannot be read (malformed JSON, a string where a number belongs, no body at all) answers 400 with
/// what was wrong and where, instead of a bare "Bad Request": route handlers throw on bad requests and the
/// problem details say why.
/// </summary>
internal static class BadRequestDetails
{
    public static IServiceCollection AddBadRequestDetails(this IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var error = context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
            if (error is BadHttpRequestException bad)
            {
                context.ProblemDetails.Title = "Invalid request";
                context.ProblemDetails.Detail = Describe(bad);
            }
            else if (error is not null && StoredDataProblems.Describe(error) is { } stored)
            {
                context.ProblemDetails.Title = stored.Title;
                context.ProblemDetails.Detail = stored.Detail;
            }
        });
        return services;
    }

    /// <summary>The exception handler's options: a bad request keeps its own status (.NET 10 would make it 500) and is not logged as a server error.</summary>
    public static ExceptionHandlerOptions HandlerOptions() => new()
    {
        StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StoredDataProblems.StatusOf(exception) ?? StatusCodes.Status500InternalServerError,
        SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException || StoredDataProblems.StatusOf(context.Exception) == StatusCodes.Status410Gone,
    };

    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        // The JSON reader's message names the path and position ("… Path: $.scores[0].score | LineNumber: 0 …").
        JsonException json => "The body is not valid JSON for this request: " + json.Message,
        _ => bad.Message,
    };
}
