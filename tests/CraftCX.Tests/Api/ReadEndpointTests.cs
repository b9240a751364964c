using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CraftCX.Tests.Api;

/// <summary>GET endpoints over real HTTP: JSON in camelCase, ProblemDetails for bad ids and unknown entities.</summary>
public sealed class ReadEndpointTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    [Theory]
    [InlineData("/v1/tenants/t-http/conversations/never-seen", HttpStatusCode.NotFound)]
    [InlineData("/v1/tenants/t-http/agents/nobody", HttpStatusCode.NotFound)]
    [InlineData("/v1/tenants/t-http/workspaces/nothing", HttpStatusCode.NotFound)]
    [InlineData("/v1/tenants/Bad_Tenant/conversations/c-1", HttpStatusCode.NotFound)]
    [InlineData("/v1/tenants/t-http/conversations/bad%20id", HttpStatusCode.BadRequest)]
    [InlineData("/v1/tenants/t-http/workspaces/Not_A_Workspace", HttpStatusCode.BadRequest)]
    public async Task Unknown_entities_are_404_and_bad_ids_are_400_both_as_problem_details(string path, HttpStatusCode expected)
    {
        var response = await host.Http.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Agent_workspace_and_tenant_views_appear_once_a_conversation_is_scored()
    {
        var events = new[]
        {
            TestEvents.Message("t-http", "sales", "c-9", 1, "customer", "u9", "Hello, I was charged twice."),
            TestEvents.Message("t-http", "sales", "c-9", 2, "agent", "agent-zoe", "Hi! I'm sorry about that, I have refunded the second charge."),
        };
        var body = "[" + string.Join(",", events.Select(e => Encoding.UTF8.GetString(TestEvents.Json(e)))) + "]";
        var posted = await host.Http.PostAsync("/v1/events", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        var agent = await ReadWhenReadyAsync("/v1/tenants/t-http/agents/agent-zoe");
        Assert.Equal("agent", agent.GetProperty("level").GetString());
        Assert.False(agent.GetProperty("isBot").GetBoolean());
        var hour = agent.GetProperty("windows").EnumerateArray().First();
        Assert.Equal("hour", hour.GetProperty("window").GetString());
        Assert.Equal(1, hour.GetProperty("conversations").GetInt64());
        Assert.Equal(101, hour.GetProperty("overall").GetProperty("histogram").GetArrayLength());

        var workspace = await ReadWhenReadyAsync("/v1/tenants/t-http/workspaces/sales");
        var leaderboard = workspace.GetProperty("windows")[0].GetProperty("leaderboard");
        Assert.Equal("agent-zoe", leaderboard[0].GetProperty("agentId").GetString());
        Assert.Equal("human", workspace.GetProperty("windows")[0].GetProperty("byHandler")[0].GetProperty("handledBy").GetString());

        var tenant = await ReadWhenReadyAsync("/v1/tenants/t-http");
        Assert.Equal("tenant", tenant.GetProperty("level").GetString());

        var scorecard = await host.Http.GetFromJsonAsync<JsonElement>("/v1/tenants/t-http/scorecard");
        Assert.Equal("default", scorecard.GetProperty("id").GetString());
        Assert.Equal(7, scorecard.GetProperty("criteria").GetArrayLength());
    }

    [Fact]
    public async Task Health_ready_reports_the_silo_and_the_ingestor()
    {
        var response = await Eventually.ReturnsAsync(() => host.Http.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(30), "readiness");
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var checks = health.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("kafka-ingestor", checks);
        Assert.Contains("orleans-silo", checks);
    }

    private async Task<JsonElement> ReadWhenReadyAsync(string path)
    {
        var response = await Eventually.ReturnsAsync(() => host.Http.GetAsync(path), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), path);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
