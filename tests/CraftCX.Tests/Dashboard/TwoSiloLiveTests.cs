using CraftCX.Silo.Kafka.Embedded;

namespace CraftCX.Tests.Dashboard;

/// <summary>Two silos of one cluster, a SignalR client on each: an update raised anywhere reaches both.</summary>
[Collection(HeavyCollection.Name)]
public sealed class TwoSiloLiveTests(PostgresServer postgres)
{
    [Fact]
    public async Task Clients_on_different_silos_both_receive_a_workspaces_updates()
    {
        using var broker = StartBroker();
        var (first, second) = await StartPairAsync(broker, "live");
        await using var firstSilo = first;
        await using var secondSilo = second;
        var key = await first.CreateKeyAsync("t-live");

        await using var onFirst = await LiveClient.ConnectAsync(first.BaseAddress, key);
        await using var onSecond = await LiveClient.ConnectAsync(second.BaseAddress, key);
        await onFirst.JoinAsync("shared");
        await onSecond.JoinAsync("shared");

        using var ingest = first.ClientWithKey(key);
        var events = TestWorkload.Build("t-live", conversations: 12, seed: 5).Select(e => { e.Workspace = "shared"; return e; }).ToArray();
        await TestEvents.PostAsync(ingest, events);

        var expected = events.Select(e => e.Conversation!).Distinct().ToHashSet();
        await Eventually.ReturnsAsync(() => onFirst.ConversationsSeen().ToHashSet(), seen => seen.SetEquals(expected), TimeSpan.FromSeconds(60), "every conversation on the first silo's client");
        await Eventually.ReturnsAsync(() => onSecond.ConversationsSeen().ToHashSet(), seen => seen.SetEquals(expected), TimeSpan.FromSeconds(60), "every conversation on the second silo's client");
        Assert.True(first.Stats.Consumed > 0 || second.Stats.Consumed > 0);
    }

    [Fact]
    public async Task Revoking_a_key_on_one_silo_closes_its_connections_on_every_silo()
    {
        using var broker = StartBroker();
        var (first, second) = await StartPairAsync(broker, "revoke", ("Auth:KeyCacheTtl", "00:00:01"));
        await using var firstSilo = first;
        await using var secondSilo = second;
        var key = await first.CreateKeyAsync("t-revoke");
        Assert.True(CraftCX.Security.ApiKeyFormat.TryParse(key, out _, out var keyId, out _));

        var closed = new List<Task>();
        var clients = new List<LiveClient>();
        foreach (var silo in new[] { first, second })
        {
            var client = await LiveClient.ConnectAsync(silo.BaseAddress, key);
            await client.JoinAsync("shared");
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.Connection.Closed += _ => { done.TrySetResult(); return Task.CompletedTask; };
            closed.Add(done.Task);
            clients.Add(client);
        }

        using var revoke = new HttpRequestMessage(HttpMethod.Delete, $"/v1/admin/tenants/t-revoke/keys/{keyId}");
        revoke.Headers.Add("X-Operator-Key", RunningSilo.OperatorKey);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await first.Http.SendAsync(revoke)).StatusCode);
        await Task.WhenAll(closed).WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    private static MockKafkaCluster StartBroker()
    {
        var broker = MockKafkaCluster.Start();
        broker.CreateTopic("chat-events", 4);
        broker.CreateTopic("chat-events.dlq", 1);
        broker.CreateTopic("chat-events.scores", 2);
        return broker;
    }

    /// <summary>Two silos of one cluster on a fresh database and the given broker.</summary>
    private async Task<(RunningSilo First, RunningSilo Second)> StartPairAsync(MockKafkaCluster broker, string name, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = await postgres.CreateDatabaseAsync(name),
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["Orleans:ClusterId"] = name + "-two",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        var first = await RunningSilo.StartAsync(settings, migrate: true);
        return (first, await RunningSilo.StartAsync(settings));
    }
}
