using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CraftCX.Events.Json;

namespace CraftCX.Tests.Assessments;

/// <summary>The silo with its AI assessor pointed at a local fake of Azure OpenAI, over real HTTP, with the real client library.</summary>
public sealed class AiAssessmentFixture : IAsyncLifetime
{
    public FakeAzureOpenAi Fake { get; private set; } = null!;

    public RunningSilo Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fake = await FakeAzureOpenAi.StartAsync();
        Silo = await RunningSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Ai:Endpoint"] = Fake.BaseAddress.ToString(),
            ["Ai:Deployment"] = "qa-model",
            ["Ai:ApiKey"] = "fake-key-123",
            ["Ai:ApiVersion"] = "2024-10-21",
            ["Ai:Temperature"] = "0.1",
            ["Ai:MaxOutputTokens"] = "900",
            ["Ai:MaxRetries"] = "2",
            ["Ai:CallTimeout"] = "00:00:05",
            ["Ai:CircuitBreakerFailures"] = "3",
            ["Ai:CircuitBreakDuration"] = "00:00:03",
            ["Ai:MaxRetryDelay"] = "00:00:02",
            ["Ai:RiskDebounce"] = "00:10:00",
            ["Ai:TokensPerMinute"] = "0",
            ["Ai:TokensPerDay"] = "0",
        });
    }

    public async Task<HttpClient> ClientAsync(string tenant) => Silo.ClientWithKey(await Silo.CreateKeyAsync(tenant));

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Fake.DisposeAsync();
    }
}

[Collection(AiCollection.Name)]
public sealed class AiAssessmentTests(AiAssessmentFixture ai)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_closed_conversation_is_assessed_with_a_strict_redacted_request_and_its_scores_reach_the_aggregates()
    {
        using var client = await ai.ClientAsync("ai-good");
        ai.Fake.DefaultScore = 80;
        await PostConversationAsync(client, "ai-good", "c1", close: true);

        var snapshot = await WaitForAsync(client, "ai-good", "c1", s => s.TryGetProperty("ai", out var a) && a.ValueKind == JsonValueKind.Object && a.GetProperty("latest").ValueKind == JsonValueKind.Object);
        var recorded = RequestFor("ai-good", "c1");
        var request = recorded.Body;

        // The request: the deployment and api-version asked for, strict JSON schema, options, no personal data.
        Assert.Equal("/openai/deployments/qa-model/chat/completions", recorded.Path);
        Assert.Equal("2024-10-21", recorded.ApiVersion);
        Assert.Equal("fake-key-123", recorded.ApiKey);
        var format = request.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.True(format.GetProperty("json_schema").GetProperty("strict").GetBoolean());
        Assert.Equal("craftcx_qa_assessment", format.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.Equal(0.1, request.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(900, request.GetProperty("max_completion_tokens").GetInt32());
        Assert.False(request.GetProperty("store").GetBoolean());
        var sent = Text(request);
        foreach (var personal in new[] { "Crystal", "Minh", "cminh730", "cminh730@email.com", "(977) 625-2661", "625-2661", "4111 1111 1111 1111" })
        {
            Assert.DoesNotContain(personal, sent, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("[CUSTOMER_NAME]", sent, StringComparison.Ordinal);
        Assert.Contains("[EMAIL]", sent, StringComparison.Ordinal);

        // The conversation: AI scores shown (confident), with provenance, usage and the evidence's real message ids.
        var latest = snapshot.GetProperty("ai").GetProperty("latest");
        Assert.Equal("qa-model", latest.GetProperty("provenance").GetProperty("deployment").GetString());
        Assert.Equal("craftcx-qa/1", latest.GetProperty("provenance").GetProperty("promptVersion").GetString());
        Assert.Equal(900, latest.GetProperty("usage").GetProperty("input").GetInt64());
        Assert.Equal(300, latest.GetProperty("usage").GetProperty("output").GetInt64());
        Assert.Equal("closed", latest.GetProperty("trigger").GetString());
        Assert.True(latest.GetProperty("redactions").GetInt32() >= 4);
        var greeting = snapshot.GetProperty("score").GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "greeting");
        Assert.Equal("ai", greeting.GetProperty("source").GetString());
        Assert.Equal(80, greeting.GetProperty("score").GetInt32());
        Assert.Equal(100, greeting.GetProperty("ruleScore").GetInt32());
        Assert.Equal(["c1-m1"], greeting.GetProperty("ai").GetProperty("evidenceMessageIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(80, snapshot.GetProperty("score").GetProperty("overall").GetInt32());

        // The workspace aggregate takes the blended score (a new revision at the same event sequence).
        var workspace = await Eventually.ReturnsAsync(
            async () => await client.GetFromJsonAsync<JsonElement>("/v1/tenants/ai-good/workspaces/floor"),
            w => w.GetProperty("windows")[0].GetProperty("overall").GetProperty("mean").GetDouble() == 80,
            Patience,
            "the workspace to show the AI-blended overall");
        Assert.Equal(1, workspace.GetProperty("windows")[0].GetProperty("conversations").GetInt32());

        var usage = await client.GetFromJsonAsync<JsonElement>("/v1/tenants/ai-good/ai/usage");
        Assert.Equal(1200, usage.GetProperty("tokensTotal").GetInt64());
        Assert.Equal(1, usage.GetProperty("assessments").GetInt64());
    }

    private static async Task PostConversationAsync(HttpClient client, string tenant, string conversation, bool close)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        var started = TestEvents.Of("conversation.started", tenant, "floor", conversation, 0, new ChatEventDataDto
        {
            Channel = "chat",
            Customer = new CustomerDto { Id = "cminh730", Email = "cminh730@email.com", Phone = "(977) 625-2661", Name = "Crystal Minh" },
        }, start);
        var events = new List<ChatEventDto>
        {
            started,
            TestEvents.Message(tenant, "floor", conversation, 1, "agent", "ana", "Hi! Welcome, how can I help you today?", start.AddSeconds(10)),
            TestEvents.Message(tenant, "floor", conversation, 2, "customer", "cminh730", "Hi, I'm Crystal Minh, email cminh730@email.com, phone (977) 625-2661. I want to return jeans, card 4111 1111 1111 1111.", start.AddSeconds(20)),
            TestEvents.Message(tenant, "floor", conversation, 3, "agent", "ana", "Thanks Crystal, I have started the return for you.", start.AddSeconds(40)),
            TestEvents.Message(tenant, "floor", conversation, 4, "customer", "cminh730", $"Great, thank you, that works! Ticket {Marker(tenant, conversation)}.", start.AddSeconds(60)),
        };
        if (close)
        {
            events.Add(TestEvents.Of("conversation.closed", tenant, "floor", conversation, 5, new ChatEventDataDto { Resolution = "resolved" }, start.AddSeconds(70)));
        }

        var body = "[" + string.Join(",", events.Select(e => Encoding.UTF8.GetString(TestEvents.Json(e)))) + "]";
        var response = await client.PostAsync("/v1/events", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    // A tag in the transcript that tells which conversation a recorded request was about.
    private static string Marker(string tenant, string conversation) => $"T-{tenant}-{conversation}";

    private FakeAzureOpenAi.RecordedRequest RequestFor(string tenant, string conversation) =>
        ai.Fake.Requests.Last(r => Text(r.Body).Contains(Marker(tenant, conversation), StringComparison.Ordinal));

    private IReadOnlyList<FakeAzureOpenAi.RecordedRequest> RequestsFor(string tenant, string conversation) =>
        ai.Fake.Requests.Where(r => Text(r.Body).Contains(Marker(tenant, conversation), StringComparison.Ordinal)).ToList();

    private static Task<JsonElement> WaitForAsync(HttpClient client, string tenant, string conversation, Func<JsonElement, bool> done) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                var response = await client.GetAsync($"/v1/tenants/{tenant}/conversations/{conversation}");
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            },
            s => s.ValueKind == JsonValueKind.Object && done(s),
            Patience,
            $"conversation {conversation}");

    private static string Text(JsonElement request) =>
        string.Join('\n', request.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").ToString()));
}

[CollectionDefinition(Name)]
public sealed class AiCollection : ICollectionFixture<AiAssessmentFixture>
{
    public const string Name = "ai";
}
