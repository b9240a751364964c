using System.Text.Json;
using CraftCX.Api.Connectors.Intercom;
using CraftCX.Api.Connectors.Signatures;
using CraftCX.Api.Connectors.Zendesk;
using CraftCX.Api.Http;
using CraftCX.Api.Ingestion;
using CraftCX.Connectors;
using CraftCX.Events;
using CraftCX.Events.Json;
using CraftCX.Tenants;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Connectors;

/// <summary>
/// POST /v1/hooks/{tenant}/{connector}: where a connected helpdesk delivers. The raw body is verified before anything
/// parses it; the answer comes once the events are on the topic (never after scoring), so the helpdesk's short
/// timeouts are met; a delivery that cannot be mapped goes whole to the dead-letter topic and is answered 202, so
/// the helpdesk does not retry it forever.
/// </summary>
internal static partial class WebhookEndpoints
{
    public static readonly TimeSpan TimestampTolerance = TimeSpan.FromMinutes(5);

    public static string PathOf(string tenant, string id) => $"/v1/hooks/{tenant}/{id}";

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/hooks/{tenant}/{connector}", HandleAsync)
            .AllowAnonymous()
            .WithName("ReceiveWebhook")
            .WithSummary("A connected helpdesk's webhook delivery, signed with the connector's secret (no API key)")
            .Produces<WebhookResponse>(StatusCodes.Status202Accepted)
            .Produces<WebhookResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        string tenant,
        string connector,
        HttpRequest request,
        IGrainFactory grains,
        IngestBatchParser batchParser,
        IEventIngress ingress,
        IConnectorDeadLetters deadLetters,
        IOptions<ApiOptions> options,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("CraftCX.Api.Connectors");
        if (RouteIds.CheckTenant(tenant) is not null || !ConnectorIds.IsWellFormed(connector))
        {
            return Problems.NotFound("No such connector.");
        }

        var limit = options.Value.MaxIngestRequestBytes;
        if (request.ContentLength > limit || await RequestBodies.ReadAsync(request, limit, cancellationToken) is not { } body)
        {
            return Problems.TooLarge($"A delivery is at most {limit} bytes.");
        }

        var connectors = grains.GetGrain<IConnectorsGrain>(ConnectorKeys.Of(tenant));
        if (await connectors.GetCredentialsAsync(connector) is not { } credentials)
        {
            return Problems.NotFound("No such connector.");
        }

        if (!credentials.Enabled)
        {
            return Problems.Forbidden("This connector is disabled; enable it with PATCH /v1/tenants/{tenant}/connectors/{id}.");
        }

        if (TenantIngestion.Refusal(tenant, (await grains.GetGrain<ITenantGrain>(tenant).GetLifecycleAsync())?.State) is { } refused)
        {
            return Problems.Forbidden(refused.Detail);
        }

        var check = Verify(credentials, request.Headers, body.Span, time.GetUtcNow());
        if (!check.IsValid)
        {
            // Counted and logged without the body: an unsigned body is not known to come from the helpdesk.
            LogSignatureRefused(logger, tenant, connector, check.Reason);
            await connectors.RecordAsync(connector, new DeliveryOutcome(null, 0, Ignored: false, DeadLettered: false, SignatureRefused: true, new ConnectorError(time.GetUtcNow(), check.Reason, check.Detail)));
            return Problems.Unauthorized(check.Detail);
        }

        var mapped = credentials.Type switch
        {
            ConnectorType.Zendesk => MapHelpdesk(body, root => ZendeskWebhookMapper.Map(root, tenant, credentials.Mapping), root => JsonFields.Text(root, "id"), tenant, batchParser),
            ConnectorType.Intercom => MapHelpdesk(body, root => IntercomWebhookMapper.Map(root, tenant, credentials.Mapping), IntercomWebhookMapper.DeliveryIdOf, tenant, batchParser),
            _ => MapContract(tenant, body, request.ContentType, batchParser, options.Value.MaxEventsPerRequest),
        };
        var deliveryId = mapped.DeliveryId ?? DeliveryIdOf(credentials.Type, request.Headers);
        if (deliveryId is not null && await connectors.IsDuplicateAsync(connector, deliveryId))
        {
            await connectors.RecordAsync(connector, new DeliveryOutcome(deliveryId, 0, false, false, false, null));
            return TypedResults.Ok(new WebhookResponse(0, 0, Duplicate: true, DeadLettered: false, []));
        }

        if (mapped.IgnoredType is { } ignored)
        {
            await connectors.RecordAsync(connector, new DeliveryOutcome(deliveryId, 0, Ignored: true, false, false, null));
            return TypedResults.Accepted((string?)null, new WebhookResponse(0, 0, Duplicate: false, DeadLettered: false, []) { Ignored = ignored });
        }

        try
        {
            if (mapped.Accepted.Count > 0)
            {
                await ingress.SubmitAsync(mapped.Accepted, import: false, cancellationToken);
            }

            if (mapped.Errors.Count > 0)
            {
                var first = mapped.Errors[0];
                await deadLetters.PublishAsync(new ConnectorDeadLetter(tenant, connector, TypeName(credentials.Type), deliveryId, body, first.Code, Summary(mapped.Errors)), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing is remembered of this delivery, so the helpdesk's retry is taken in full (events are idempotent by id).
            LogSubmitFailed(logger, ex, tenant, connector);
            await connectors.RecordAsync(connector, new DeliveryOutcome(null, 0, false, false, false, new ConnectorError(time.GetUtcNow(), "unavailable", "The event log could not take the delivery; the helpdesk's retry will be taken.")));
            return Problems.Unavailable("The event log cannot take events right now; retry the delivery.");
        }

        var error = mapped.Errors.Count > 0 ? new ConnectorError(time.GetUtcNow(), mapped.Errors[0].Code, Summary(mapped.Errors)) : null;
        await connectors.RecordAsync(connector, new DeliveryOutcome(deliveryId, mapped.Accepted.Count, Ignored: false, DeadLettered: mapped.Errors.Count > 0, SignatureRefused: false, error));
        return TypedResults.Accepted((string?)null, new WebhookResponse(mapped.Accepted.Count, mapped.Errors.Count, Duplicate: false, DeadLettered: mapped.Errors.Count > 0, mapped.Errors));
    }

    private static SignatureCheck Verify(ConnectorCredentials credentials, IHeaderDictionary headers, ReadOnlySpan<byte> body, DateTimeOffset now) => credentials.Type switch
    {
        ConnectorType.Zendesk => ZendeskSignature.Verify(body, headers[ZendeskSignature.SignatureHeader], headers[ZendeskSignature.TimestampHeader], credentials.Secret, now, TimestampTolerance),
        ConnectorType.Intercom => IntercomSignature.Verify(body, headers[IntercomSignature.SignatureHeader], credentials.Secret),
        _ => StandardWebhookSignature.Verify(
            body,
            headers[StandardWebhookSignature.IdHeader],
            headers[StandardWebhookSignature.TimestampHeader],
            headers[StandardWebhookSignature.SignatureHeader],
            credentials.Secret,
            now,
            TimestampTolerance),
    };

    private static string? DeliveryIdOf(ConnectorType type, IHeaderDictionary headers)
    {
        string? id = type switch
        {
            ConnectorType.StandardWebhooks => headers[StandardWebhookSignature.IdHeader].ToString(),
            ConnectorType.Zendesk => headers["X-Zendesk-Webhook-Invocation-Id"].ToString(),
            _ => null,
        };
        return id is { Length: > 0 and <= 256 } ? id : null;
    }

    private sealed record Mapped(List<RawEvent> Accepted, List<IngestError> Errors, string? DeliveryId = null, string? IgnoredType = null);

    /// <summary>A helpdesk's own payload, mapped to contract events and then validated exactly like contract input.</summary>
    private static Mapped MapHelpdesk(ReadOnlyMemory<byte> body, Func<JsonElement, HelpdeskMapResult> map, Func<JsonElement, string?> deliveryIdOf, string tenant, IngestBatchParser batchParser)
    {
        HelpdeskMapResult result;
        string? deliveryId;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            result = map(document.RootElement);
            deliveryId = deliveryIdOf(document.RootElement) is { Length: > 0 and <= 256 } id ? id : null;
        }
        catch (JsonException)
        {
            return new Mapped([], [new IngestError(0, null, RejectionCodes.MalformedJson, "The delivery is not well-formed JSON.")]);
        }

        if (result.Failure is { } failure)
        {
            return new Mapped([], [new IngestError(0, null, failure.Code, failure.Detail)], deliveryId);
        }

        if (result.IgnoredType is { } ignored)
        {
            return new Mapped([], [], deliveryId, ignored);
        }

        var (accepted, errors) = HelpdeskEvents.Validate(result.Events, tenant, batchParser);
        return new Mapped(accepted, errors, deliveryId);
    }

    private static Mapped MapContract(string tenant, ReadOnlyMemory<byte> body, string? contentType, IngestBatchParser batchParser, int maxEvents)
    {
        IReadOnlyList<IngestBatchParser.Item> items;
        try
        {
            items = batchParser.Parse(body, IngestBatchParser.LooksLikeNdjson(contentType, body.Span), maxEvents);
        }
        catch (JsonException)
        {
            return new Mapped([], [new IngestError(0, null, RejectionCodes.MalformedJson, "The delivery is not well-formed JSON (an event, an array of events, or NDJSON).")]);
        }

        if (items.Count > maxEvents)
        {
            return new Mapped([], [new IngestError(0, null, RejectionCodes.EventTooLarge, $"The delivery holds more than {maxEvents} events.")]);
        }

        // A connector writes only into its own tenant, whatever its events say.
        var (accepted, errors) = IngestItems.Split(items, tenant, "connector");
        return new Mapped(accepted, errors);
    }

    private static string Summary(List<IngestError> errors) =>
        errors.Count == 1 ? errors[0].Detail : $"{errors.Count} events refused; the first: {errors[0].Detail}";

    public static string TypeName(ConnectorType type) => type switch
    {
        ConnectorType.Zendesk => "zendesk",
        ConnectorType.Intercom => "intercom",
        _ => "standard-webhooks",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Connector} of tenant {Tenant}: delivery refused ({Reason}); its body was not read")]
    private static partial void LogSignatureRefused(ILogger logger, string tenant, string connector, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connector {Connector} of tenant {Tenant}: could not hand the delivery to the event log")]
    private static partial void LogSubmitFailed(ILogger logger, Exception exception, string tenant, string connector);
}

/// <summary>The answer to a webhook delivery: events taken, refused (the delivery then went to the dead-letter topic), or a retry already taken.</summary>
internal sealed record WebhookResponse(int Accepted, int Rejected, bool Duplicate, bool DeadLettered, IReadOnlyList<IngestError> Errors)
{
    /// <summary>The helpdesk's event type when CraftCX does not use it (answered 202 so it is not retried).</summary>
    public string? Ignored { get; init; }
}
