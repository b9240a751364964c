using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Events.Json;
using CraftCX.PeerBenchmarks;
using CraftCX.Tenants;
using CraftCX.Tests.Encryption;

namespace CraftCX.Tests.PeerBenchmarks;

/// <summary>
/// On PostgreSQL, through the real pipeline and HTTP: tenants opt in, a publication shows a segment of enough
/// tenants with each one's rank, the stored publication names nobody, and a tenant that opts out or is deleted is
/// gone from the next one.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PeerBenchmarkTests(PostgresServer postgres)
{
    private static readonly string[] Peers = ["t-peer-1", "t-peer-2", "t-peer-3", "t-peer-4", "t-peer-5", "t-peer-6"];

    [Fact]
    public async Task Enough_opted_in_tenants_publish_a_segment_with_ranks_and_one_that_leaves_or_is_deleted_is_gone_from_the_next()
    {
        var connectionString = await postgres.CreateDatabaseAsync("peers");
        var clock = new ShiftedClock();
        await using var silo = await RunningSilo.StartOnPostgresAsync(connectionString, new Dictionary<string, string?>(), clock);
        var events = new List<ChatEventDto>();
        foreach (var (tenant, index) in Peers.Append("t-peer-out").Select((t, i) => (t, i)))
        {
            using var admin = silo.ClientWithKey(await silo.CreateKeyAsync(tenant, "admin", "read"));
            if (tenant != "t-peer-out")
            {
                var put = await admin.PutAsJsonAsync($"/v1/tenants/{tenant}/settings/benchmarks", new { optIn = true, industry = "retail" });
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            }

            events.AddRange(Conversations(tenant, count: 10, agent: $"agent-{index}", slowFirstAnswer: index % 2 == 0));
        }

        foreach (var tenant in events.GroupBy(e => e.Tenant!))
        {
            await SealedWorkload.IngestAsync(silo, tenant.Key, [.. tenant], alreadyCompleted: silo.Stats.Completed);
        }

        // Clear refusals of a choice that cannot be applied.
        using (var admin = silo.ClientWithKey(await silo.CreateKeyAsync("t-peer-1", "admin")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync("/v1/tenants/t-peer-1/settings/benchmarks", new { optIn = true })).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync("/v1/tenants/t-peer-1/settings/benchmarks", new { optIn = true, industry = "crypto-casinos" })).StatusCode);
        }

        // Six tenants in one segment: published, coarsened, each tenant with its rank; the one that stayed out sees nothing.
        await PublishAsync(silo);
        var view = await ViewAsync(silo, "t-peer-1");
        var segment = view.GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("channel").GetString() == "chat" && s.GetProperty("handler").GetString() == "human");
        var benchmark = segment.GetProperty("benchmark");
        Assert.Equal(5, benchmark.GetProperty("tenants").GetInt32());
        Assert.Equal(60, benchmark.GetProperty("conversations").GetInt64());
        Assert.Equal(10, segment.GetProperty("conversations").GetInt64());
        Assert.InRange(segment.GetProperty("percentileRank").GetInt32(), 0, 100);
        Assert.Equal(JsonValueKind.Number, benchmark.GetProperty("firstResponseSecondsP90").ValueKind);
        var outside = await ViewAsync(silo, "t-peer-out");
        Assert.False(outside.GetProperty("settings").GetProperty("optIn").GetBoolean());
        Assert.Empty(outside.GetProperty("segments").EnumerateArray());

        // The stored publication names no tenant, agent, workspace, conversation or customer.
        const string Publication = "peer-benchmark/" + CraftCX.PeerBenchmarks.PeerBenchmarkKeys.Global;
        Assert.Contains(Publication, StoredRows.Holding(connectionString, "retail"));
        foreach (var needle in events.SelectMany(e => new[] { e.Tenant, e.Workspace, e.Conversation, e.Data?.Author?.Id, e.Data?.Customer?.Id, e.Data?.Customer?.Email }).OfType<string>().Distinct())
        {
            Assert.DoesNotContain(Publication, StoredRows.Holding(connectionString, needle));
        }

        // One opts out: five remain (50 conversations, the least published), and the next publication counts them alone.
        using (var admin = silo.ClientWithKey(await silo.CreateKeyAsync("t-peer-6", "admin")))
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/v1/tenants/t-peer-6/settings/benchmarks", new { optIn = false, industry = "retail" })).StatusCode);
        }

        await PublishAsync(silo);
        Assert.Equal(50, Segment(await ViewAsync(silo, "t-peer-1")).GetProperty("benchmark").GetProperty("conversations").GetInt64());

        // One is deleted: four remain, and the segment is no longer published.
        Assert.Equal(HttpStatusCode.OK, (await silo.OperatorAsync(HttpMethod.Post, "tenants/t-peer-5/terminate", new { reason = "test" })).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Accepted, (await silo.OperatorAsync(HttpMethod.Post, "tenants/t-peer-5/delete")).StatusCode);
        await Eventually.ReturnsAsync(silo.Grains.GetGrain<ITenantGrain>("t-peer-5").GetLifecycleAsync, l => l?.State == TenantLifecycleState.Deleted, TimeSpan.FromSeconds(60), "the deletion done");
        await PublishAsync(silo);
        Assert.Equal(JsonValueKind.Null, Segment(await ViewAsync(silo, "t-peer-1")).GetProperty("benchmark").ValueKind);
        const string Participants = "peer-benchmark-participants/" + CraftCX.PeerBenchmarks.PeerBenchmarkKeys.Global;
        Assert.Contains(Participants, StoredRows.Holding(connectionString, "t-peer-1"));
        Assert.DoesNotContain(Participants, StoredRows.Holding(connectionString, "t-peer-5"));

        // A reminder registered under an earlier PeerBenchmarks:PublishInterval (two hours) takes the configured one
        // (an hour) at its next tick, and one already at it is left alone: the stored reminder row shows the period.
        var publisher = silo.Grains.GetGrain<IPeerBenchmarkGrain>(PeerBenchmarkKeys.Global).AsReference<IRemindable>();
        await SetReminderPeriodAsync(connectionString, TimeSpan.FromHours(2));
        await publisher.ReceiveReminder("peer-benchmark-publish", new TickStatus(DateTime.UtcNow.AddHours(-2), TimeSpan.FromHours(2), DateTime.UtcNow));
        Assert.Equal(TimeSpan.FromHours(1).TotalMilliseconds, PublishReminderPeriodMs(connectionString));
        await SetReminderPeriodAsync(connectionString, TimeSpan.FromHours(2));
        await publisher.ReceiveReminder("peer-benchmark-publish", new TickStatus(DateTime.UtcNow.AddHours(-1), TimeSpan.FromHours(1), DateTime.UtcNow));
        Assert.Equal(TimeSpan.FromHours(2).TotalMilliseconds, PublishReminderPeriodMs(connectionString));
    }

    private static long PublishReminderPeriodMs(string connectionString)
    {
        using var connection = new Npgsql.NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand("SELECT period FROM orleansreminderstable WHERE remindername = 'peer-benchmark-publish'", connection);
        return (long)command.ExecuteScalar()!;
    }

    // The row as an earlier build with another interval would have left it (the period a tick does not change).
    private static async Task SetReminderPeriodAsync(string connectionString, TimeSpan period)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("UPDATE orleansreminderstable SET period = @period WHERE remindername = 'peer-benchmark-publish'", connection);
        command.Parameters.AddWithValue("period", (long)period.TotalMilliseconds);
        await command.ExecuteNonQueryAsync();
    }

    private static JsonElement Segment(JsonElement view) =>
        view.GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("channel").GetString() == "chat" && s.GetProperty("handler").GetString() == "human");

    private static async Task PublishAsync(RunningSilo silo) =>
        Assert.Equal(HttpStatusCode.OK, (await silo.OperatorAsync(HttpMethod.Post, "benchmarks/publish")).StatusCode);

    private static async Task<JsonElement> ViewAsync(RunningSilo silo, string tenant)
    {
        using var reader = silo.ClientWithKey(await silo.CreateKeyAsync(tenant, "read"));
        return await reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/benchmarks");
    }

    // Closed chat conversations with a human agent over yesterday: the same segment for every tenant.
    private static IEnumerable<ChatEventDto> Conversations(string tenant, int count, string agent, bool slowFirstAnswer)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        for (var i = 0; i < count; i++)
        {
            var conversation = $"c{i}";
            var at = start.AddMinutes(i * 20);
            yield return TestEvents.Of("conversation.started", tenant, "floor", conversation, 0, new ChatEventDataDto { Channel = "chat", Customer = new CustomerDto { Id = $"cust-{tenant}-{i}", Email = $"cust{i}@{tenant}.example" } }, at);
            yield return TestEvents.Message(tenant, "floor", conversation, 1, "customer", $"cust-{tenant}-{i}", "Hello, my parcel has not arrived.", at.AddSeconds(5));
            yield return TestEvents.Message(tenant, "floor", conversation, 2, "agent", agent, "Hi! I am sorry to hear that, let me check the tracking for you right away.", at.AddSeconds(slowFirstAnswer ? 200 : 20));
            yield return TestEvents.Message(tenant, "floor", conversation, 3, "customer", $"cust-{tenant}-{i}", "Thank you, that helps.", at.AddSeconds(260));
            yield return TestEvents.Of("conversation.closed", tenant, "floor", conversation, 4, new ChatEventDataDto { Resolution = "resolved" }, at.AddSeconds(300));
        }
    }
}
