using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CraftCX.Tests.Assessments;

namespace CraftCX.Tests.Encryption;

/// <summary>
/// What the model writes about a conversation can quote the customer: its summary, explanations and
/// recommendations are sealed with the conversation, and so is the request waiting for the model.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SealedAiTextTests(PostgresServer postgres)
{
    private const string Tenant = "t-ai-sealed";
    private const string Summary = "Crystal Minh asked to return her jeans and was helped (summary s-5521).";
    private const string Explanation = "Crystal Minh was greeted by name (explanation e-5521).";
    private const string Recommendation = "Send Crystal Minh the return label by post (recommendation r-5521).";

    [Fact]
    public async Task The_models_summary_explanations_and_recommendations_are_sealed_and_so_is_the_waiting_request()
    {
        await using var fake = await FakeAzureOpenAi.StartAsync();
        var release = new TaskCompletionSource();
        fake.Enqueue(AiConversations.Marker(Tenant, "c1"), request => FakeAzureOpenAi.After(release.Task, FakeAzureOpenAi.Content(Quoting(request))));
        try
        {
            var connectionString = await postgres.CreateDatabaseAsync("ai-sealed");
            await using var silo = await RunningSilo.StartOnPostgresAsync(connectionString, new Dictionary<string, string?>
            {
                ["Ai:Endpoint"] = fake.BaseAddress.ToString(),
                ["Ai:Deployment"] = "qa-model",
                ["Ai:ApiKey"] = "fake-key",
            });
            using var client = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant));
            await AiConversations.PostConversationAsync(client, Tenant, "c1", close: true);

            // While the model thinks, the request (the transcript it was sent) is stored with the conversation: sealed.
            await Eventually.ReturnsAsync(() => Task.FromResult(fake.Requests.Count), n => n > 0, AiConversations.Patience, "the model called");
            await Eventually.ReturnsAsync(
                () => AiConversations.SnapshotAsync(client, Tenant, "c1"),
                s => s.ValueKind == JsonValueKind.Object && s.GetProperty("ai").GetProperty("pending").ValueKind == JsonValueKind.Object,
                AiConversations.Patience,
                "the request pending");
            Assert.NotEmpty(StoredRows.Holding(connectionString, "Crystal Minh"));
            Assert.Empty(StoredRows.HoldingRaw(connectionString, "Crystal Minh"));

            release.SetResult();
            var done = await AiConversations.WaitForAsync(client, Tenant, "c1", AiConversations.Assessed);
            var shown = JsonStrings.Of(done.GetRawText());
            Assert.Contains(Summary, shown);
            Assert.Contains(Explanation, shown);
            Assert.Contains(Recommendation, shown);

            // Stored (the rows open to the model's words), but not in the clear: not in any row, not in a dump.
            var dump = await postgres.DumpAsync(connectionString);
            Assert.All(new[] { Summary, Explanation, Recommendation }, text =>
            {
                Assert.NotEmpty(StoredRows.Holding(connectionString, text));
                Assert.Empty(StoredRows.HoldingRaw(connectionString, text));
                Assert.DoesNotContain(text, dump, StringComparison.Ordinal);
                Assert.DoesNotContain(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text)), dump, StringComparison.Ordinal);
            });
        }
        finally
        {
            release.TrySetResult();
        }
    }

    private static string Quoting(JsonElement request)
    {
        var answer = FakeAzureOpenAi.GoodAssessment(request, score: 80, confidence: 0.9);
        answer["summary"]!["value"] = Summary;
        foreach (var criterion in answer["criteria"]!.AsArray())
        {
            criterion!["explanation"] = Explanation;
        }

        answer["recommendations"] = new JsonArray(new JsonObject { ["value"] = Recommendation, ["confidence"] = 0.7 });
        return answer.ToJsonString();
    }
}
