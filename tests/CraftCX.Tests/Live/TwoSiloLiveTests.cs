using CraftCX.Silo.Kafka.Embedded;

namespace CraftCX.Tests.Live;

/// <summary>Two silos of one cluster, a SignalR client on each: an update raised anywhere reaches both.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoSiloLiveTests(PostgresServer postgres)
{
    [Fact]
    public async Task Clients_on_different_silos_both_receive_a_workspaces_updates()
    {
        var connectionString = await postgres.CreateDatabaseAsync("live");
        using var broker = MockKafkaCluster.Start();
        broker.CreateTopic("chat-events", 4);
        broker.CreateTopic("chat-events.dlq", 1);
        broker.CreateTopic("chat-events.scores", 2);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString,
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["Orleans:ClusterId"] = "live-two",
        };
        await using var first = await RunningSilo.StartAsync(settings, migrate: true);
        await using var second = await RunningSilo.StartAsync(settings);
        var key = await first.CreateKeyAsync("t-live");

        await using var onFirst = await LiveClient.ConnectAsync(first.BaseAddress, key);
        await using var onSecond = await LiveClient.ConnectAsync(second.BaseAddress, key);
        await onFirst.JoinAsync("shared");
        await onSecond.JoinAsync("shared");

        using var ingest = first.ClientWithKey(key);
        var events = TestWorkload.Build("t-live", conversations: 12, seed: 5).Select(e => { e.Workspace = "shared"; return e; }).ToArray();
        await LiveHubTests.PostAsync(ingest, events);

        var expected = events.Select(e => e.Conversation!).Distinct().ToHashSet();
        await Eventually.ReturnsAsync(() => onFirst.ConversationsSeen().ToHashSet(), seen => seen.SetEquals(expected), TimeSpan.FromSeconds(60), "every conversation on the first silo's client");
        await Eventually.ReturnsAsync(() => onSecond.ConversationsSeen().ToHashSet(), seen => seen.SetEquals(expected), TimeSpan.FromSeconds(60), "every conversation on the second silo's client");
        Assert.True(first.Stats.Consumed > 0 || second.Stats.Consumed > 0);
    }
}
