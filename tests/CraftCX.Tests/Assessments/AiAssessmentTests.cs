using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CraftCX.Events.Json;
using CraftCX.Privacy;
using CraftCX.Silo.Demo;
using Microsoft.AspNetCore.Http;

using static CraftCX.Tests.Assessments.AiConversations;

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
            ["Ai:InputTokenPricePerMillion"] = "2.5",
            ["Ai:OutputTokenPricePerMillion"] = "10",
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

    [Fact]
    public async Task A_closed_conversation_is_assessed_with_a_strict_redacted_request_and_its_scores_reach_the_aggregates()
    {
        using var client = await ai.ClientAsync("ai-good");
        ai.Fake.DefaultScore = 80;

        // The AI meter, as an exporter would read it: tokens and outcomes of this tenant.
        var tokens = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        // Also the libraries' meters under the assessor: Microsoft.Extensions.AI's gen_ai ones and Polly's pipeline.
        var libraries = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var spend = new System.Collections.Concurrent.ConcurrentBag<double>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name is CraftCX.Assessments.AiMetrics.MeterName or "Experimental.Microsoft.Extensions.AI" or "Polly")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "craftcx.ai.spend")
            {
                if (tags.ToArray().Any(t => t.Key == "tenant" && (string?)t.Value == "ai-good"))
                {
                    spend.Add(value);
                }
            }
            else if (instrument.Name == "resilience.polly.pipeline.duration" && tags.ToArray().Any(t => t.Key == "pipeline.name" && (string?)t.Value == "craftcx-ai"))
            {
                libraries.AddOrUpdate(instrument.Name, 1, (_, n) => n + 1);
            }
            else if (instrument.Meter.Name.EndsWith("Extensions.AI", StringComparison.Ordinal))
            {
                libraries.AddOrUpdate(instrument.Name, 1, (_, n) => n + 1);
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => libraries.AddOrUpdate(instrument.Name, value, (_, n) => n + value));
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tagged = tags.ToArray();
            if (tagged.Any(t => t.Key == "tenant" && (string?)t.Value == "ai-good"))
            {
                var kind = tagged.FirstOrDefault(t => t.Key is "kind" or "outcome").Value as string;
                tokens.AddOrUpdate($"{instrument.Name}/{kind}", value, (_, sum) => sum + value);
            }
        });
        listener.Start();

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
        Assert.Equal(1200, tokens.GetValueOrDefault("craftcx.ai.tokens/input") + tokens.GetValueOrDefault("craftcx.ai.tokens/output"));
        Assert.Equal(1, tokens.GetValueOrDefault("craftcx.ai.assessments/succeeded"));

        // Spend at the configured prices: 2.5 per million input tokens, 10 per million output tokens.
        var expectedSpend = ((tokens.GetValueOrDefault("craftcx.ai.tokens/input") * 2.5) + (tokens.GetValueOrDefault("craftcx.ai.tokens/output") * 10)) / 1_000_000;
        Assert.True(expectedSpend > 0);
        Assert.Equal(expectedSpend, spend.Sum(), 9);
        Assert.True(libraries.GetValueOrDefault("resilience.polly.pipeline.duration") >= 1, string.Join(", ", libraries.Keys));
        Assert.True(libraries.GetValueOrDefault("gen_ai.client.token.usage") > 0, string.Join(", ", libraries.Keys));
        Assert.True(libraries.GetValueOrDefault("gen_ai.client.operation.duration") >= 1, string.Join(", ", libraries.Keys));
    }

    [Fact]
    public async Task An_invalid_answer_is_retried_once_and_a_second_one_is_recorded_as_failed_never_as_scores()
    {
        using var client = await ai.ClientAsync("ai-invalid");
        ai.Fake.Enqueue(Marker("ai-invalid", "c1"), _ => FakeAzureOpenAi.Content("Sure! Here is the assessment: {\"criteria\": ["), r => FakeAzureOpenAi.Content(Without(r, "summary")));
        await PostConversationAsync(client, "ai-invalid", "c1", close: true);

        var snapshot = await WaitForAsync(client, "ai-invalid", "c1", s => s.TryGetProperty("ai", out var a) && a.ValueKind == JsonValueKind.Object && a.GetProperty("lastProblem").ValueKind == JsonValueKind.String);
        var problem = snapshot.GetProperty("ai").GetProperty("lastProblem").GetString()!;
        Assert.StartsWith("failed: invalid-answer", problem);
        Assert.Contains("$.summary: missing", problem);
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("ai").GetProperty("latest").ValueKind);
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("ai").GetProperty("pending").ValueKind);
        Assert.All(snapshot.GetProperty("score").GetProperty("criteria").EnumerateArray(), c => Assert.Equal("rule", c.GetProperty("source").GetString()));
        Assert.Equal(2, RequestsFor("ai-invalid", "c1").Count);
    }

    [Fact]
    public async Task A_malformed_answer_followed_by_a_good_one_is_an_assessment()
    {
        using var client = await ai.ClientAsync("ai-second");
        ai.Fake.Enqueue(Marker("ai-second", "c1"), _ => FakeAzureOpenAi.Content("{\"criteria\": [}"));
        await PostConversationAsync(client, "ai-second", "c1", close: true);
        await WaitForAsync(client, "ai-second", "c1", Assessed);
        Assert.Equal(2, RequestsFor("ai-second", "c1").Count);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_retry_after()
    {
        using var client = await ai.ClientAsync("ai-429");
        ai.Fake.Enqueue(Marker("ai-429", "c1"), _ => FakeAzureOpenAi.Status(429, retryAfterSeconds: 2));
        await PostConversationAsync(client, "ai-429", "c1", close: true);
        await WaitForAsync(client, "ai-429", "c1", Assessed);
        var requests = RequestsFor("ai-429", "c1");
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {requests[1].At - requests[0].At}");
    }

    [Fact]
    public async Task A_call_that_outlives_the_timeout_waits_and_is_tried_again()
    {
        using var client = await ai.ClientAsync("ai-slow");
        var never = new TaskCompletionSource();
        ai.Fake.Enqueue(Marker("ai-slow", "c1"), r => FakeAzureOpenAi.After(never.Task, ai.Fake.Valid(r)));
        await PostConversationAsync(client, "ai-slow", "c1", close: true);
        await WaitForAsync(client, "ai-slow", "c1", s =>
            s.TryGetProperty("ai", out var a) && a.ValueKind == JsonValueKind.Object
            && a.GetProperty("pending") is { ValueKind: JsonValueKind.Object } p && p.GetProperty("reason").GetString() == "timeout");
        await WaitForAsync(client, "ai-slow", "c1", Assessed);
        never.SetResult();
    }

    [Fact]
    public async Task An_imported_conversation_keeps_its_rule_scores_and_spends_no_tokens()
    {
        using var client = await ai.ClientAsync("ai-import");
        await PostConversationAsync(client, "ai-import", "old", close: true, path: "/v1/events?import=true");
        var imported = await WaitForAsync(client, "ai-import", "old", s => s.TryGetProperty("closedAt", out var c) && c.ValueKind == JsonValueKind.String);

        // A live one closed after it is assessed: had the import asked, its request would be there by then.
        await PostConversationAsync(client, "ai-import", "live", close: true);
        await WaitForAsync(client, "ai-import", "live", Assessed);
        Assert.Single(RequestsFor("ai-import", "live"));
        Assert.Empty(RequestsFor("ai-import", "old"));
        var old = await SnapshotAsync(client, "ai-import", "old");
        Assert.All(old.GetProperty("score").GetProperty("criteria").EnumerateArray(), c => Assert.Equal("rule", c.GetProperty("source").GetString()));
        Assert.Equal(imported.GetProperty("score").GetProperty("overall").GetInt32(), old.GetProperty("score").GetProperty("overall").GetInt32());
    }

    [Fact]
    public async Task A_spent_day_budget_skips_visibly_without_calling_the_model()
    {
        using var client = await ai.ClientAsync("ai-poor");
        var put = await client.PutAsJsonAsync("/v1/tenants/ai-poor/settings/ai", new { excludeFromTraining = true, tokensPerMinute = (long?)null, tokensPerDay = 100L });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        await PostConversationAsync(client, "ai-poor", "c1", close: true);

        var snapshot = await WaitForAsync(client, "ai-poor", "c1", s => s.TryGetProperty("ai", out var a) && a.ValueKind == JsonValueKind.Object && a.GetProperty("lastProblem").ValueKind == JsonValueKind.String);
        Assert.Equal("skipped: budget-day", snapshot.GetProperty("ai").GetProperty("lastProblem").GetString());
        Assert.Empty(RequestsFor("ai-poor", "c1"));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/v1/tenants/ai-poor/ai/usage")).GetProperty("tokensToday").GetInt64());
    }

    [Fact]
    public async Task A_spent_minute_budget_queues_with_its_reason()
    {
        using var client = await ai.ClientAsync("ai-minute");
        var put = await client.PutAsJsonAsync("/v1/tenants/ai-minute/settings/ai", new { excludeFromTraining = true, tokensPerMinute = 3000L, tokensPerDay = (long?)null });
        Assert.True(put.IsSuccessStatusCode);
        string[] conversations = ["c1", "c2", "c3"];
        foreach (var conversation in conversations)
        {
            await PostConversationAsync(client, "ai-minute", conversation, close: true);
        }

        // One assessment fits a minute (two if a minute starts meanwhile): the others wait, saying why.
        var queued = await Eventually.ReturnsAsync(
            async () => await Task.WhenAll(conversations.Select(c => SnapshotAsync(client, "ai-minute", c))),
            s => s.Count(Assessed) >= 1 && s.Count(Assessed) + s.Count(WaitsForBudget) == 3,
            Patience,
            "assessed ones and ones waiting for the next minute");
        Assert.InRange(queued.Count(Assessed), 1, 2);
        Assert.All(queued.Where(WaitsForBudget), x => Assert.True(x.GetProperty("ai").GetProperty("pending").GetProperty("notBefore").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddSeconds(-5)));

        static bool WaitsForBudget(JsonElement x) =>
            x.ValueKind == JsonValueKind.Object && x.TryGetProperty("ai", out var a) && a.ValueKind == JsonValueKind.Object
            && a.GetProperty("pending") is { ValueKind: JsonValueKind.Object } p && p.GetProperty("reason").GetString() == "budget-minute";
    }

    [Fact]
    public async Task A_tenant_that_allows_training_use_sends_no_store_option()
    {
        using var client = await ai.ClientAsync("ai-store");
        var put = await client.PutAsJsonAsync("/v1/tenants/ai-store/settings/ai", new { excludeFromTraining = false });
        Assert.True(put.IsSuccessStatusCode);
        Assert.False((await client.GetFromJsonAsync<JsonElement>("/v1/tenants/ai-store/settings/ai")).GetProperty("excludeFromTraining").GetBoolean());
        await PostConversationAsync(client, "ai-store", "c1", close: true);
        await WaitForAsync(client, "ai-store", "c1", Assessed);
        Assert.False(RequestFor("ai-store", "c1").Body.TryGetProperty("store", out _));
    }

    [Fact]
    public async Task A_new_risk_during_a_live_conversation_asks_for_an_assessment_and_the_close_asks_again()
    {
        using var client = await ai.ClientAsync("ai-risk");
        ai.Fake.DefaultScore = 90;
        await PostConversationAsync(client, "ai-risk", "c1", close: false);
        var cvv = TestEvents.Message("ai-risk", "floor", "c1", 5, "agent", "ana", "Please send me the CVV on the back of your card.", DateTimeOffset.UtcNow.AddMinutes(-2));
        await PostEventsAsync(client, cvv);

        var risky = await WaitForAsync(client, "ai-risk", "c1", Assessed);
        Assert.Equal("risk", risky.GetProperty("ai").GetProperty("latest").GetProperty("trigger").GetString());
        Assert.Equal("open", risky.GetProperty("status").GetString());

        await PostEventsAsync(client, TestEvents.Of("conversation.closed", "ai-risk", "floor", "c1", 6, new ChatEventDataDto { Resolution = "resolved" }));
        var closed = await WaitForAsync(client, "ai-risk", "c1", s => Assessed(s) && s.GetProperty("ai").GetProperty("latest").GetProperty("trigger").GetString() == "closed");
        Assert.Equal(2, closed.GetProperty("ai").GetProperty("revision").GetInt32());
        Assert.Equal(0, closed.GetProperty("score").GetProperty("overall").GetInt32());
    }

    [Fact]
    public async Task The_event_stream_does_not_wait_for_the_model()
    {
        using var client = await ai.ClientAsync("ai-flow");
        var release = new TaskCompletionSource();
        // The workload's transcripts are ABCD conversations: every request about them is held back.
        foreach (var conversation in AbcdDataset.Load(TestWorkload.AbcdPath))
        {
            // Its longest agent line, as it reads after redaction: no other test's transcript has it.
            var customer = CustomerIdentity.From(new CraftCX.Events.CustomerRef(conversation.Username, conversation.Email, conversation.Phone, conversation.CustomerName));
            var line = PiiRedactor.Redact(conversation.Turns.Where(t => t.Speaker == "agent").MaxBy(t => t.Text.Length).Text, customer, new RedactionTally());
            ai.Fake.Enqueue(line, Enumerable.Repeat<Func<JsonElement, IResult>>(r => FakeAzureOpenAi.After(release.Task, ai.Fake.Valid(r)), 40).ToArray());
        }

        var before = ai.Silo.Stats.Completed;
        var events = TestWorkload.Build("ai-flow", conversations: 20, seed: 5);
        foreach (var batch in events.Chunk(500))
        {
            await PostEventsAsync(client, batch);
        }

        // Every event is applied and aggregated while every model answer is still held back.
        await Eventually.ReturnsAsync(() => Task.FromResult(ai.Silo.Stats.Completed - before), n => n >= events.Count, Patience, "all events applied");
        var tenant = await client.GetFromJsonAsync<JsonElement>("/v1/tenants/ai-flow");
        Assert.Equal(20, tenant.GetProperty("windows")[2].GetProperty("conversations").GetInt32());

        // The model was asked (the runner may still be on its way to the first call when the last event lands)
        // and, with every answer held back, nothing has been assessed.
        await Eventually.ReturnsAsync(
            () => Task.FromResult(ai.Fake.Requests.Count(r => Text(r.Body).Contains("[m1]", StringComparison.Ordinal))),
            n => n > 0,
            Patience,
            "a model request about the workload");
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/v1/tenants/ai-flow/ai/usage")).GetProperty("assessments").GetInt64());
        release.SetResult();
    }

    private static string Without(JsonElement request, string property)
    {
        var answer = FakeAzureOpenAi.GoodAssessment(request, 70, 0.9);
        answer.Remove(property);
        return answer.ToJsonString();
    }

    private FakeAzureOpenAi.RecordedRequest RequestFor(string tenant, string conversation) =>
        ai.Fake.Requests.Last(r => Text(r.Body).Contains(Marker(tenant, conversation), StringComparison.Ordinal));

    private IReadOnlyList<FakeAzureOpenAi.RecordedRequest> RequestsFor(string tenant, string conversation) =>
        ai.Fake.Requests.Where(r => Text(r.Body).Contains(Marker(tenant, conversation), StringComparison.Ordinal)).ToList();

    private static string Text(JsonElement request) =>
        string.Join('\n', request.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").ToString()));
}

[CollectionDefinition(Name)]
public sealed class AiCollection : ICollectionFixture<AiAssessmentFixture>
{
    public const string Name = "ai";
}
