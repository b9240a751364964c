using System.Net.Http.Json;
using System.Text.Json;

namespace CraftCX.Tests.Api;

/// <summary>The OpenAPI document describes the whole API, its credentials and an example ingest request.</summary>
public sealed class OpenApiDocumentTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task The_document_lists_every_route_with_security_and_examples()
    {
        var document = await new HttpClient { BaseAddress = host.BaseAddress }.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var route in new[]
        {
            "/v1/events", "/v1/tenants/{tenant}/conversations/{conversation}", "/v1/tenants/{tenant}/agents/{agent}",
            "/v1/tenants/{tenant}/workspaces/{workspace}", "/v1/tenants/{tenant}/workspaces/{workspace}/export",
            "/v1/stream/scores", "/v1/auth/token", "/v1/admin/tenants/{tenant}/keys", "/v1/tenants/{tenant}/scorecard",
            "/v1/tenants/{tenant}/conversations/{conversation}/reviews", "/v1/tenants/{tenant}/conversations/{conversation}/reviews/{review}/dispute",
            "/v1/tenants/{tenant}/conversations/{conversation}/reviews/{review}/dispute/decision", "/v1/tenants/{tenant}/workspaces/{workspace}/calibration",
            "/v1/tenants/{tenant}/settings/ai", "/v1/tenants/{tenant}/ai/usage",
        })
        {
            Assert.True(paths.TryGetProperty(route, out _), $"missing {route}");
        }

        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("apiKey", out _));
        var ingest = paths.GetProperty("/v1/events").GetProperty("post");
        Assert.NotEmpty(ingest.GetProperty("security").EnumerateArray());
        var example = ingest.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("message.created", example[1].GetProperty("type").GetString());
        Assert.True(ingest.GetProperty("responses").TryGetProperty("401", out _));
        var review = paths.GetProperty("/v1/tenants/{tenant}/conversations/{conversation}/reviews").GetProperty("post");
        Assert.Equal("resolution", review.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("scores")[1].GetProperty("criterionId").GetString());
    }
}
