using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CraftCX.Api.OpenApi;

/// <summary>The OpenAPI document at /openapi/v1.json: the whole API, its credentials, and worked examples.</summary>
internal static class OpenApiDocumentation
{
    public const string Path = "/openapi/v1.json";

    /// <summary>The operation extension that names the scope a credential needs for it.</summary>
    public const string ScopeExtension = "x-craftcx-scope";

    private const string ScopePolicyPrefix = "scope:";

    public static IServiceCollection AddCraftCXOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "CraftCX Live QA",
                    Version = "v1",
                    Description = "Live QA scores of support conversations. Authenticate with an API key (Authorization: Bearer ccx_…) or an access token from POST /v1/auth/token; the tenant always comes from the credential.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key (ccx_{tenant}_{keyId}_{secret}) or an access token, as a bearer token.",
                };
                document.Components.SecuritySchemes["operatorKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = "X-Operator-Key",
                    Description = "The operator key from configuration, for /v1/admin.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var route = context.Description.RelativePath ?? string.Empty;
                var scheme = route.StartsWith("v1/admin", StringComparison.Ordinal) ? "operatorKey" : "apiKey";
                if (!route.StartsWith("health", StringComparison.Ordinal))
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
                }

                // The scope each operation needs, read from its authorization policy, so that clients (and the
                // cross-tenant test) know it without a second list to keep in step.
                var scope = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
                    .Select(a => a.Policy)
                    .FirstOrDefault(p => p?.StartsWith(ScopePolicyPrefix, StringComparison.Ordinal) == true)?[ScopePolicyPrefix.Length..];
                if (scope is not null)
                {
                    operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                    operation.Extensions[ScopeExtension] = new JsonNodeExtension(JsonValue.Create(scope));
                }

                if (route == "v1/events" && operation.RequestBody?.Content is { } content)
                {
                    foreach (var media in content.Values)
                    {
                        media.Example = Examples.Events();
                    }

                    if (operation.Responses?.TryGetValue("202", out var accepted) == true && accepted.Content is { } acceptedContent)
                    {
                        foreach (var media in acceptedContent.Values)
                        {
                            media.Example = Examples.IngestResponse();
                        }
                    }
                }

                if (route.TrimEnd('/').EndsWith("/reviews", StringComparison.Ordinal) && context.Description.HttpMethod == "POST" && operation.RequestBody?.Content is { } review)
                {
                    foreach (var media in review.Values)
                    {
                        media.Example = Examples.Review();
                    }
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }
}

/// <summary>Worked examples shown in the OpenAPI document.</summary>
internal static class Examples
{
    public static JsonNode Events() => JsonNode.Parse("""
        [
          { "id": "evt-1042-1", "type": "conversation.started", "version": 1, "tenant": "acme", "workspace": "support-eu",
            "conversation": "c-1042", "occurredAt": "2026-11-28T10:15:00Z", "sequence": 1,
            "data": { "channel": "chat", "subject": "Refund for order 3348", "customer": { "id": "cust-77" } } },
          { "id": "evt-1042-2", "type": "message.created", "version": 1, "tenant": "acme", "workspace": "support-eu",
            "conversation": "c-1042", "occurredAt": "2026-11-28T10:15:03.120Z", "sequence": 2,
            "data": { "messageId": "m-7", "author": { "role": "agent", "id": "agent-42", "name": "Dana" },
                      "text": "Thanks for waiting! I have refunded the order.", "channel": "chat", "internal": false } }
        ]
        """)!;

    public static JsonNode Review() => JsonNode.Parse("""
        { "reviewerId": "qa-lead-1",
          "scores": [ { "criterionId": "empathy", "score": 60, "comment": "Acknowledged the delay only at the end." },
                      { "criterionId": "resolution", "score": 95 } ],
          "comment": "Weekly calibration sample" }
        """)!;

    public static JsonNode IngestResponse() => JsonNode.Parse("""
        { "accepted": 1, "rejected": 1,
          "errors": [ { "index": 1, "id": "evt-9", "code": "unknown-type", "detail": "Unknown event type 'message.exploded'; expected one of …" } ] }
        """)!;
}
