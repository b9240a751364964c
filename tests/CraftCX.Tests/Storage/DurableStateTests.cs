using System.Net;
using System.Text;
using System.Text.Json;
using CraftCX.Aggregation;
using CraftCX.Conversations;
using CraftCX.Silo.Kafka.Embedded;
using CraftCX.Tenants;
using Npgsql;

namespace CraftCX.Tests.Storage;

/// <summary>Grain state on PostgreSQL survives a silo restart, in a format that names no .NET types.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DurableStateTests(PostgresServer postgres)
{
    [Fact]
    public async Task Conversations_and_aggregates_survive_a_restart_and_stored_rows_name_no_dotnet_types()
    {
        var connectionString = await postgres.CreateDatabaseAsync("durable");
        using var broker = MockKafkaCluster.Start();
        broker.CreateTopic("chat-events", 4);
        broker.CreateTopic("chat-events.dlq", 1);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString,
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["Orleans:ClusterId"] = "durable",
        };
        var events = TestWorkload.Build("t-durable", conversations: 12, seed: 21);
        var keys = events.Select(TestEvents.Key).Distinct().ToList();
        string before;

        await using (var first = await RunningSilo.StartAsync(settings, migrate: true))
        {
            var ndjson = string.Join("\n", events.Select(e => Encoding.UTF8.GetString(TestEvents.Json(e))));
            using var client = first.ClientWithKey(await first.CreateKeyAsync("t-durable", "ingest"));
            var response = await client.PostAsync("/v1/events", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await Eventually.ReturnsAsync(() => first.Stats.Completed, c => c >= events.Count, TimeSpan.FromSeconds(60), "all events applied");

            // Every conversation closed: captured once they released their aggregates, as the restart will find them.
            await Eventually.ReturnsAsync(() => first.Grains.GetGrain<CraftCX.Tenants.ITenantGrain>("t-durable").GetViewAsync(), v => v?.HeldContributions == 0, TimeSpan.FromSeconds(60), "the closed conversations released");
            before = await CaptureAsync(first.Grains, keys);
        }

        await using (var second = await RunningSilo.StartAsync(settings))
        {
            Assert.Equal(before, await CaptureAsync(second.Grains, keys));
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT graintypestring, payloadbinary FROM orleansstorage", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            if (reader.IsDBNull(1))
            {
                // Cleared state (the stream pub-sub store clears rows it no longer needs).
                continue;
            }

            rows++;
            var payload = Encoding.Latin1.GetString((byte[])reader[1]);
            Assert.DoesNotContain("CraftCX", payload);
            Assert.DoesNotContain("System.", payload);
        }

        Assert.True(rows >= keys.Count + 3, $"expected a row per conversation and aggregate, found {rows}");
    }

    private static async Task<string> CaptureAsync(IGrainFactory grains, List<string> keys)
    {
        var parts = new List<string>();
        foreach (var key in keys)
        {
            parts.Add(JsonSerializer.Serialize(await grains.GetGrain<IConversationGrain>(key).GetSnapshotAsync(true)));
        }

        var tenant = await grains.GetGrain<ITenantGrain>("t-durable").GetViewAsync();
        Assert.NotNull(tenant);
        parts.Add(JsonSerializer.Serialize(tenant with { AsOf = default }));
        return string.Join("\n", parts);
    }
}
