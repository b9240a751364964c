using System.Text.Json;
using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Events;
using CraftCX.Security;
using CraftCX.Tenants;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Ingestion;

/// <summary>
/// POST /v1/events: the HTTP way in, validated like Kafka input and then written to the same topic; with
/// <c>import=true</c>, to the import topic, which is read behind live traffic and kept off the live dashboard.
/// </summary>
internal static partial class EventIngestEndpoints
{
    public static IEndpointRouteBuilder MapEventIngest(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/events", HandleAsync)
            .RequireAuthorization(CraftCXClaims.ScopePolicy(ApiScopes.Ingest))
            .WithName("IngestEvents")
            .WithSummary("Ingest contract v1 events (JSON array or NDJSON)")
            .WithDescription("import=true marks the events as an import (backfill of past conversations): they are read behind live traffic, " +
                "scored and counted in the history of their own time, logged on the score stream with imported=true, and never shown on the live dashboard. " +
                "Progress: GET /v1/tenants/{tenant}/import.")
            .Accepts<JsonElement>("application/json", "application/x-ndjson")
            .Produces<IngestResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpRequest request,
        bool? import,
        IngestBatchParser batchParser,
        IEventIngress ingress,
        IGrainFactory grains,
        IOptions<ApiOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.UnsupportedMediaType($"Content type '{type}' is not accepted; send application/json (an array of events) or application/x-ndjson.");
        }

        if (request.ContentLength > limits.MaxIngestRequestBytes)
        {
            return Problems.TooLarge($"The body has {request.ContentLength} bytes; the limit is {limits.MaxIngestRequestBytes}.");
        }

        var body = await RequestBodies.ReadAsync(request, limits.MaxIngestRequestBytes, cancellationToken);
        if (body is null)
        {
            return Problems.TooLarge($"The body exceeds the limit of {limits.MaxIngestRequestBytes} bytes.");
        }

        if (body.Value.IsEmpty)
        {
            return Problems.BadRequest("Empty request", "The body holds no events.");
        }

        IReadOnlyList<IngestBatchParser.Item> items;
        try
        {
            items = batchParser.Parse(body.Value, IngestBatchParser.LooksLikeNdjson(request.ContentType, body.Value.Span), limits.MaxEventsPerRequest);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            return Problems.BadRequest(
                "Malformed JSON",
                $"The body is not a well-formed JSON array: {ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}{where}. Send NDJSON to have each line judged on its own.");
        }

        if (items.Count > limits.MaxEventsPerRequest)
        {
            return Problems.TooLarge($"The body holds more than {limits.MaxEventsPerRequest} events, the limit per request.");
        }

        if (items.Count == 0)
        {
            return Problems.BadRequest("Empty request", "The body holds no events.");
        }

        var tenant = request.HttpContext.User.FindFirst(CraftCXClaims.Tenant)?.Value;
        if (tenant is not null && TenantIngestion.Refusal(tenant, (await grains.GetGrain<ITenantGrain>(tenant).GetLifecycleAsync())?.State) is { } refused)
        {
            return Problems.Forbidden(refused.Detail);
        }

        var (accepted, errors) = IngestItems.Split(items, tenant, "credential");
        if (accepted.Count > 0)
        {
            try
            {
                await ingress.SubmitAsync(accepted, import ?? false, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Retrying the whole request is safe: events are idempotent by id and sequence.
                LogIngressFailed(loggers.CreateLogger("CraftCX.Api.Ingestion"), ex, accepted.Count);
                return Problems.Unavailable("The event log cannot take events right now; retry the request (events are idempotent by id and sequence).");
            }
        }

        if (import == true && accepted.Count > 0 && tenant is not null)
        {
            // On the topic already: a status that misses this count shows fewer pending, and the import still runs.
            await TryCountSubmittedAsync(grains.GetGrain<Imports.IImportStatusGrain>(tenant), accepted.Count, loggers);
        }

        var response = new IngestResponse(accepted.Count, errors.Count, errors);
        if (accepted.Count > 0)
        {
            return TypedResults.Accepted((string?)null, response);
        }

        return errors.All(e => e.Code == RejectionCodes.ForbiddenTenant)
            ? TypedResults.Json(response, statusCode: StatusCodes.Status403Forbidden)
            : TypedResults.BadRequest(response);
    }

    private static async Task TryCountSubmittedAsync(Imports.IImportStatusGrain status, int events, ILoggerFactory loggers)
    {
        try
        {
            await status.SubmittedAsync(events);
        }
        catch (Exception ex)
        {
            LogSubmittedNotCounted(loggers.CreateLogger("CraftCX.Api.Ingestion"), events, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} imported event(s) are on the import topic but not in the import status ({ErrorType})")]
    private static partial void LogSubmittedNotCounted(ILogger logger, int count, string errorType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not hand {Count} event(s) to the event log")]
    private static partial void LogIngressFailed(ILogger logger, Exception exception, int count);
}
