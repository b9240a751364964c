using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CraftCX.Events.Json;

namespace CraftCX.Tests.Assessments;

/// <summary>An AI outage on a silo of its own (the circuit breaker is per silo, so no other test's calls count).</summary>
public sealed class AiOutageTests
{
    [Fact]
    public async Task While_the_ai_fails_the_rule_score_stands_the_circuit_opens_and_the_assessment_completes_after_recovery()
    {
        await using var fake = await FakeAzureOpenAi.StartAsync();
        await using var silo = await RunningSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Ai:Endpoint"] = fake.BaseAddress.ToString(),
            ["Ai:Deployment"] = "qa-model",
            ["Ai:ApiKey"] = "fake-key",
            ["Ai:MaxRetries"] = "1",
            ["Ai:CircuitBreakerFailures"] = "3",
            ["Ai:CircuitBreakDuration"] = "00:00:02",
            ["Ai:MaxRetryDelay"] = "00:00:01",
        });
        using var client = silo.ClientWithKey(await silo.CreateKeyAsync("outage"));
        var recovered = new TaskCompletionSource();
        for (var i = 0; i < 200; i++)
        {
            fake.Enqueue("parcel", r => recovered.Task.IsCompleted ? fake.Valid(r) : FakeAzureOpenAi.Status(500));
        }

        var start = DateTimeOffset.UtcNow.AddMinutes(-3);
        ChatEventDto[] events =
        [
            TestEvents.Of("conversation.started", "outage", "floor", "c1", 0, new ChatEventDataDto { Channel = "chat" }, start),
            TestEvents.Message("outage", "floor", "c1", 1, "customer", "u1", "My parcel never arrived.", start.AddSeconds(5)),
            TestEvents.Message("outage", "floor", "c1", 2, "agent", "ana", "Hello! I am sorry to hear that, I will resend it today.", start.AddSeconds(30)),
            TestEvents.Of("conversation.closed", "outage", "floor", "c1", 3, new ChatEventDataDto { Resolution = "resolved" }, start.AddSeconds(60)),
        ];
        var body = "[" + string.Join(",", events.Select(e => Encoding.UTF8.GetString(TestEvents.Json(e)))) + "]";
        (await client.PostAsync("/v1/events", new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        var waiting = await Eventually.ReturnsAsync(
            () => SnapshotAsync(client),
            s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("ai", out var a) && a.ValueKind == JsonValueKind.Object
                 && a.GetProperty("pending") is { ValueKind: JsonValueKind.Object } p && p.GetProperty("reason").GetString() == "circuit-open",
            TimeSpan.FromSeconds(60),
            "the circuit to open");
        Assert.All(waiting.GetProperty("score").GetProperty("criteria").EnumerateArray(), c => Assert.Equal("rule", c.GetProperty("source").GetString()));
        Assert.True(waiting.GetProperty("score").GetProperty("overall").GetInt32() > 0);
        var failedRequests = fake.Requests.Count;
        Assert.True(failedRequests >= 6, $"{failedRequests} requests (3 failed calls of 2 tries each) before the circuit opened");

        // While open, the model is left alone; after recovery the pending assessment completes, nothing lost.
        await Task.Delay(500);
        Assert.InRange(fake.Requests.Count, failedRequests, failedRequests + 2);
        recovered.SetResult();
        var done = await Eventually.ReturnsAsync(
            () => SnapshotAsync(client),
            s => s.GetProperty("ai").GetProperty("latest").ValueKind == JsonValueKind.Object,
            TimeSpan.FromSeconds(60),
            "the assessment after recovery");
        Assert.Equal(JsonValueKind.Null, done.GetProperty("ai").GetProperty("pending").ValueKind);
        Assert.Contains(done.GetProperty("score").GetProperty("criteria").EnumerateArray(), c => c.GetProperty("source").GetString() == "ai");
    }

    private static async Task<JsonElement> SnapshotAsync(HttpClient client)
    {
        var response = await client.GetAsync("/v1/tenants/outage/conversations/c1");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
    }
}
