namespace CraftCX.Api.Http;

/// <summary>ProblemDetails answers used across endpoints, so that errors look the same everywhere.</summary>
public static class Problems
{
    public static IResult BadRequest(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title, extensions: extensions);

    public static IResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static IResult Gone(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status410Gone, title: "Gone", extensions: extensions);

    public static IResult TooManyRequests(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static IResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large");

    public static IResult Unavailable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Temporarily unavailable");

    public static IResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
}
