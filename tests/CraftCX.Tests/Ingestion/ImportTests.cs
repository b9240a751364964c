using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CraftCX.Aggregation.History;
using CraftCX.Events.Json;
using CraftCX.Silo.Ingestion;
using CraftCX.Silo.Kafka;
using CraftCX.Tenants;
using CraftCX.Tests.Aggregation;
using CraftCX.Tests.ScoreStream;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CraftCX.Tests.Ingestion;

/// <summary>
/// Backfill through the real pipeline: imported conversations of last month land in the history of their own days,
/// reach the score log marked imported, stay off the live dashboard and its windows, show their progress at the
/// status route, and wait behind live traffic.
/// </summary>
public sealed class ImportTests
{
    [Fact]
    public async Task An_import_lands_in_its_own_days_reaches_the_score_log_and_never_the_live_dashboard()
    {
        const string tenant = "t-import";
        await using var silo = await RunningSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Aggregation:HistoryFlushInterval"] = "00:00:00.200",
        });
        var now = DateTimeOffset.UtcNow;
        var imported = TestWorkload.Renamed(TestWorkload.Build(tenant, conversations: 30, seed: 31, now.AddDays(-20)), "imp-");
        var live = TestWorkload.Build(tenant, conversations: 6, seed: 32, now.AddMinutes(-20));
        using var ingest = silo.ClientWithKey(await silo.CreateKeyAsync(tenant, "ingest"));
        using var reader = silo.ClientWithKey(await silo.CreateKeyAsync(tenant, "read"));

        // A supervisor watches every workspace of both workloads while they arrive.
        await using var dashboard = await LiveClient.ConnectAsync(silo.BaseAddress, await silo.CreateKeyAsync(tenant));
        foreach (var workspace in imported.Concat(live).Select(e => e.Workspace!).Distinct())
        {
            await dashboard.JoinAsync(workspace);
        }

        foreach (var chunk in imported.Chunk(250))
        {
            await TestEvents.PostAsync(ingest, "/v1/events?import=true", chunk);
        }

        foreach (var chunk in live.Chunk(250))
        {
            await TestEvents.PostAsync(ingest, "/v1/events", chunk);
        }

        // The status route counts the import to the last event, with the span of time it covered.
        var status = await Eventually.ReturnsAsync(
            () => reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/import"),
            s => s.GetProperty("counted").GetInt64() == imported.Count,
            TimeSpan.FromSeconds(60),
            "the import counted");
        Assert.Equal(imported.Count, status.GetProperty("submitted").GetInt64());
        Assert.Equal(0, status.GetProperty("pending").GetInt64());
        Assert.Equal(0, status.GetProperty("deadLettered").GetInt64());
        Assert.Equal(30, status.GetProperty("conversations").GetInt64());
        Assert.Equal(imported.Min(e => e.OccurredAt!.Value), status.GetProperty("firstEventAt").GetDateTimeOffset());
        Assert.Equal(imported.Max(e => e.OccurredAt!.Value), status.GetProperty("lastEventAt").GetDateTimeOffset());
        Assert.Equal("running", status.GetProperty("state").GetString());
        await Eventually.ReturnsAsync(() => silo.Stats.Completed, c => c >= imported.Count + live.Count, TimeSpan.FromSeconds(60), "live events applied");

        // History: every imported conversation in the day of its last activity, exactly.
        var truth = GroundTruth.From(imported).Contributions.ToList();
        Assert.Equal(30, truth.Count);
        var days = await Eventually.ReturnsAsync(
            () => reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/history?granularity=day&from={QueryValues.Iso(now.AddDays(-25))}&to={QueryValues.Iso(now.AddDays(-10))}"),
            d => d.GetProperty("current").GetProperty("total").GetProperty("conversations").GetInt64() == truth.Count,
            TimeSpan.FromSeconds(30),
            "the import in history");
        HistoryPipelineTests.AssertBuckets(days.GetProperty("current"), HistoryGranularity.Day, truth);

        // Live windows count only what is recent; the dashboard saw the live conversations and none of the import.
        var week = (await silo.Grains.GetGrain<ITenantGrain>(tenant).GetViewAsync())!.Windows.Single(w => w.Window == "week");
        Assert.Equal(6, week.Conversations);
        var liveIds = live.Select(e => e.Conversation!).ToHashSet();
        await Eventually.ReturnsAsync(() => dashboard.ConversationsSeen().ToHashSet(), seen => liveIds.IsSubsetOf(seen), TimeSpan.FromSeconds(30), "live scores on the dashboard");
        Assert.DoesNotContain(dashboard.ConversationsSeen(), c => c.StartsWith("imp-", StringComparison.Ordinal));
        Assert.DoesNotContain(dashboard.Of("Alerts").SelectMany(a => a.EnumerateArray()), a => a.GetProperty("conversation").GetString()!.StartsWith("imp-", StringComparison.Ordinal));
        foreach (var workspace in imported.Select(e => e.Workspace!).Distinct())
        {
            var snapshot = await dashboard.JoinAsync(workspace);
            Assert.DoesNotContain(snapshot.GetProperty("conversations").EnumerateArray(), c => c.GetProperty("conversation").GetString()!.StartsWith("imp-", StringComparison.Ordinal));
        }

        // The score log has both, each marked for what it is.
        var scores = await Eventually.ReturnsAsync(
            () => ScoreStreamTests.ReadAllAsync(reader, "/v1/stream/scores?follow=false"),
            lines => lines.Select(l => l.GetProperty("score").GetProperty("conversation").GetString()).Distinct().Count() == 36,
            TimeSpan.FromSeconds(30),
            "every conversation in the score log");
        Assert.All(scores.Select(l => l.GetProperty("score")), s => Assert.Equal(
            s.GetProperty("conversation").GetString()!.StartsWith("imp-", StringComparison.Ordinal),
            s.GetProperty("imported").GetBoolean()));

        // Importing the same events again changes no figure and is counted as duplicates.
        foreach (var chunk in imported.Chunk(250))
        {
            await TestEvents.PostAsync(ingest, "/v1/events?import=true", chunk);
        }

        var again = await Eventually.ReturnsAsync(
            () => reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/import"),
            s => s.GetProperty("pending").GetInt64() == 0,
            TimeSpan.FromSeconds(60),
            "the repeated import done");
        Assert.Equal(imported.Count, again.GetProperty("duplicates").GetInt64());
        Assert.Equal(imported.Count, again.GetProperty("counted").GetInt64());
        var replayed = await reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/history?granularity=day&from={QueryValues.Iso(now.AddDays(-25))}&to={QueryValues.Iso(now.AddDays(-10))}");
        Assert.Equal(days.GetProperty("current").GetRawText(), replayed.GetProperty("current").GetRawText());
    }

    [Fact]
    public async Task Live_events_go_before_an_import_already_waiting_and_a_broken_import_event_is_dead_lettered_with_its_tenant()
    {
        const string tenant = "t-import-busy";
        await using var silo = await RunningSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Ingestion:Import:MaxInFlight"] = "1000",
        });
        using var ingest = silo.ClientWithKey(await silo.CreateKeyAsync(tenant, "ingest"));
        using var reader = silo.ClientWithKey(await silo.CreateKeyAsync(tenant, "read"));

        // Written straight to the import topic, as a producer of last quarter's tickets would: tens of thousands waiting.
        var backlog = TestWorkload.Renamed(TestWorkload.Build(tenant, conversations: 1000, seed: 41, DateTimeOffset.UtcNow.AddDays(-30)), "imp-");
        var kafka = silo.App.Services.GetRequiredService<IOptions<KafkaOptions>>().Value;
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = silo.App.Services.GetRequiredService<KafkaBootstrap>().BootstrapServers,
            LingerMs = 5,
        }).Build())
        {
            foreach (var e in backlog)
            {
                producer.Produce(kafka.ImportTopicName, new Message<byte[], byte[]> { Key = TestEvents.KeyBytes(e), Value = TestEvents.Json(e) });
            }

            producer.Produce(kafka.ImportTopicName, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes($"{tenant}/imp-broken"), Value = "{\"not\":\"an event\""u8.ToArray() });
            producer.Flush(TimeSpan.FromSeconds(30));
        }

        // The live conversation arrives after the whole backlog and is scored while the import is still under way.
        var conversation = TestEvents.Of("conversation.started", tenant, "support", "live-1", 1);
        await TestEvents.PostAsync(ingest, "/v1/events", conversation, TestEvents.Message(tenant, "support", "live-1", 2, "customer", "cust-1", "Hello, my order is late"));
        await Eventually.ReturnsAsync(
            () => silo.Grains.GetGrain<CraftCX.Conversations.IConversationGrain>($"{tenant}/live-1").GetSnapshotAsync(includeTranscript: false),
            s => s is { Messages: 1 },
            TimeSpan.FromSeconds(30),
            "the live conversation applied");
        // This silo's own count, not the status route's, which is up to a report interval behind.
        var progress = silo.App.Services.GetRequiredService<ImportProgress>();
        var importDoneWhenLiveApplied = progress.Done;
        Assert.True(
            importDoneWhenLiveApplied < backlog.Count / 2,
            $"the live event waited for {importDoneWhenLiveApplied} of {backlog.Count} import events");

        // The import finishes; its broken event is in the dead-letter topic and in the tenant's status.
        var done = await Eventually.ReturnsAsync(
            () => reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/import"),
            s => s.GetProperty("counted").GetInt64() + s.GetProperty("duplicates").GetInt64() == backlog.Count && s.GetProperty("deadLettered").GetInt64() == 1,
            TimeSpan.FromSeconds(120),
            "the import counted");
        Assert.Equal(0, done.GetProperty("submitted").GetInt64());

        // Whatever the backlog, a live event never queued behind more import events than the limit (and a message).
        Assert.InRange(progress.PeakInFlight, 100, 1001);
        Assert.Equal(1000, done.GetProperty("conversations").GetInt64());
        var letter = Assert.Single(silo.ReadDeadLetters(1, TimeSpan.FromSeconds(10)));
        Assert.Equal(kafka.ImportTopicName, Encoding.UTF8.GetString(letter.Message.Headers.GetLastBytes("craftcx-dlq-source-topic")));
    }

    [Fact]
    public async Task The_status_route_refuses_other_tenants_and_the_flag_must_be_a_boolean()
    {
        await using var silo = await RunningSilo.StartAsync(new Dictionary<string, string?>());
        using var reader = silo.ClientWithKey(await silo.CreateKeyAsync("t-import-a", "read"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/v1/tenants/t-import-b/import")).StatusCode);
        var idle = await reader.GetFromJsonAsync<JsonElement>("/v1/tenants/t-import-a/import");
        Assert.Equal("idle", idle.GetProperty("state").GetString());
        using var ingest = silo.ClientWithKey(await silo.CreateKeyAsync("t-import-a", "ingest"));
        var badFlag = await ingest.PostAsync("/v1/events?import=perhaps", new StringContent("[]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badFlag.StatusCode);
    }
}
