using System.Text.Json;

namespace CraftCX.Tests.Assessments;

/// <summary>
/// A pending AI assessment is stored with its conversation and a reminder in PostgreSQL: a silo that stops while
/// the model is thinking leaves it to the next silos — kept through one with the assessor switched off, run by the
/// next one with it on — without any new event for that conversation.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AiRestartTests(PostgresServer postgres)
{
    private const string Tenant = "restart";

    [Fact]
    public async Task A_pending_assessment_survives_a_silo_restart_and_a_silo_without_the_assessor_and_runs_on_the_next_silo_with_it()
    {
        await using var fake = await FakeAzureOpenAi.StartAsync();
        var held = new TaskCompletionSource();
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Postgres",
                ["Storage:ConnectionString"] = await postgres.CreateDatabaseAsync("ai-restart"),
                ["Ai:Endpoint"] = fake.BaseAddress.ToString(),
                ["Ai:Deployment"] = "qa-model",
                ["Ai:ApiKey"] = "fake-key",
                ["Ai:ReminderPeriod"] = "00:00:03",
            };

            // The first silo's call is never answered: the silo stops while it waits.
            fake.Enqueue(AiConversations.Marker(Tenant, "c1"), _ => FakeAzureOpenAi.After(held.Task, FakeAzureOpenAi.Status(500)));
            string key;
            await using (var first = await RunningSilo.StartAsync(settings, migrate: true))
            {
                key = await first.CreateKeyAsync(Tenant);
                using var client = first.ClientWithKey(key);
                await AiConversations.PostConversationAsync(client, Tenant, "c1", close: true);
                await Eventually.ReturnsAsync(() => Task.FromResult(fake.Requests.Count), n => n > 0, AiConversations.Patience, "the first model call");
                var waiting = await AiConversations.SnapshotAsync(client, Tenant, "c1");
                Assert.Equal(JsonValueKind.Object, waiting.GetProperty("ai").GetProperty("pending").ValueKind);
                Assert.False(AiConversations.Assessed(waiting));
            }

            // A silo with the assessor switched off leaves the request and its reminder alone (ticks included).
            var off = new Dictionary<string, string?>(settings) { ["Ai:Endpoint"] = "", ["Ai:Deployment"] = "" };
            await using (var between = await RunningSilo.StartAsync(off))
            {
                using var client = between.ClientWithKey(key);
                await Task.Delay(TimeSpan.FromSeconds(8));
                var stillWaiting = await AiConversations.SnapshotAsync(client, Tenant, "c1");
                Assert.Equal(JsonValueKind.Object, stillWaiting.GetProperty("ai").GetProperty("pending").ValueKind);
            }

            var callsBefore = fake.Requests.Count;
            await using var second = await RunningSilo.StartAsync(settings);
            using var again = second.ClientWithKey(key);
            var done = await AiConversations.WaitForAsync(again, Tenant, "c1", AiConversations.Assessed);
            Assert.True(fake.Requests.Count > callsBefore, "the second silo called the model");
            Assert.Equal(JsonValueKind.Null, done.GetProperty("ai").GetProperty("pending").ValueKind);
            Assert.Contains(done.GetProperty("score").GetProperty("criteria").EnumerateArray(), c => c.GetProperty("source").GetString() == "ai");
        }
        finally
        {
            held.TrySetResult();
        }
    }
}
