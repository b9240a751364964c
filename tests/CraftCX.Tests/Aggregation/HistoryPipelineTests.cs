using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Aggregation;
using CraftCX.Aggregation.History;
using CraftCX.Events.Json;
using CraftCX.Tenants;
using CraftCX.Tests.Encryption;

namespace CraftCX.Tests.Aggregation;

/// <summary>
/// On PostgreSQL, through the real pipeline and HTTP: conversations of last month, last week and this hour land in
/// the history buckets of their own time with exact figures, live windows show only what is recent, a replay
/// changes nothing, and the stored chunks hold no conversation, leave with retention and go with their tenant.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HistoryPipelineTests(PostgresServer postgres)
{
    private const string Tenant = "t-history";

    [Fact]
    public async Task Past_and_live_activity_land_in_their_own_buckets_exactly_and_the_stored_history_follows_retention()
    {
        var connectionString = await postgres.CreateDatabaseAsync("history");
        var clock = new ShiftedClock();
        var settings = new Dictionary<string, string?>
        {
            ["Aggregation:HistoryFlushInterval"] = "00:00:00.200",
            ["Aggregation:HistorySweepInterval"] = "00:00:05",
        };
        await using var silo = await RunningSilo.StartOnPostgresAsync(connectionString, settings, clock);
        var now = clock.GetUtcNow();
        List<ChatEventDto> all =
        [
            .. TestWorkload.Renamed(TestWorkload.Build(Tenant, conversations: 12, seed: 21, now.AddDays(-40)), "old-"),
            .. TestWorkload.Renamed(TestWorkload.Build(Tenant, conversations: 10, seed: 22, now.AddDays(-3)), "week-"),
            .. TestWorkload.Build(Tenant, conversations: 8, seed: 23, now.AddMinutes(-30)),
        ];
        await SealedWorkload.IngestAsync(silo, Tenant, all);
        var groundTruth = GroundTruth.From(all);
        var truth = groundTruth.Contributions.ToList();
        Assert.Equal(30, truth.Count);
        using var reader = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "read"));

        // Every conversation in the day of its last activity, and the total's percentiles from merged histograms.
        var days = await reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/history?granularity=day&from={QueryValues.Iso(now.AddDays(-60))}");
        AssertBuckets(days.GetProperty("current"), HistoryGranularity.Day, truth);
        AssertTotal(days.GetProperty("current").GetProperty("total"), truth);

        // Month over month: this month and the one before against the two before them.
        var months = await reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/history?granularity=month&from={QueryValues.Iso(now.AddMonths(-1))}&compare=true");
        var since = HistoryCalendar.Floor(HistoryGranularity.Month, now.AddMonths(-1));
        AssertTotal(months.GetProperty("current").GetProperty("total"), truth.Where(c => c.At >= since).ToList());
        AssertTotal(months.GetProperty("previous").GetProperty("total"), truth.Where(c => c.At < since).ToList());
        Assert.Equal(since, months.GetProperty("previous").GetProperty("to").GetDateTimeOffset());

        // A workspace's five-minute buckets and an agent's hours, against the same truth.
        var workspace = all.Select(e => e.Workspace!).Distinct().MaxBy(w => groundTruth.ForWorkspace(w).Count(c => c.At > now.AddHours(-1)))!;
        var fiveMinutes = await reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/workspaces/{workspace}/history?granularity=5m");
        AssertBuckets(fiveMinutes.GetProperty("current"), HistoryGranularity.FiveMinutes, groundTruth.ForWorkspace(workspace).Where(c => c.At > now.AddHours(-2)).ToList());
        var agent = truth.GroupBy(c => c.AgentId!).MaxBy(g => g.Count())!.Key;
        var hours = await reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/agents/{agent}/history?granularity=hour&from={QueryValues.Iso(now.AddDays(-30))}");
        AssertBuckets(hours.GetProperty("current"), HistoryGranularity.Hour, truth.Where(c => c.AgentId == agent && c.At > now.AddDays(-31)).ToList());

        // The live week shows the last seven days only; last month's import is in history and nowhere live.
        var week = (await silo.Grains.GetGrain<ITenantGrain>(Tenant).GetViewAsync())!.Windows.Single(w => w.Window == "week");
        Assert.Equal(truth.Count(c => c.At >= week.From), week.Conversations);
        Assert.Equal(18, week.Conversations);

        // Clear refusals.
        var tooOld = await reader.GetAsync($"/v1/tenants/{Tenant}/history?granularity=5m&from={QueryValues.Iso(now.AddDays(-2))}");
        Assert.Equal(HttpStatusCode.BadRequest, tooOld.StatusCode);
        Assert.Contains("five-minute buckets are kept for a day", await tooOld.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync($"/v1/tenants/{Tenant}/history?granularity=quarter")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync($"/v1/tenants/{Tenant}/history?from=yesterday")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/v1/tenants/{Tenant}/workspaces/nobody-here/history")).StatusCode);

        // Stored: chunks of each granularity, none of them holding a conversation, and the aggregates' outboxes empty.
        var chunks = await Eventually.ReturnsAsync(
            async () => await PendingHistoryAsync(silo, all, truth) == 0 ? StoredRows.Payloads(connectionString, "history-chunk") : [],
            rows => rows.Count > 0,
            TimeSpan.FromSeconds(30),
            "history sent to its chunks");
        foreach (var granularity in new[] { ".5m.", ".hour.", ".day.", ".month." })
        {
            Assert.Contains(chunks.Keys, k => k.Contains(granularity, StringComparison.Ordinal));
        }

        var oldHour = HistoryCalendar.Label(HistoryGranularity.Hour, HistoryCalendar.IndexOf(HistoryGranularity.Hour, HistoryCalendar.Floor(HistoryGranularity.Day, now.AddDays(-40))));
        Assert.DoesNotContain(chunks.Keys, k => k.Contains(".hour." + oldHour, StringComparison.Ordinal));
        var conversationIds = all.Select(e => e.Conversation!).Distinct().ToList();
        var holding = conversationIds.SelectMany(c => StoredRows.Holding(connectionString, c)).ToList();
        Assert.NotEmpty(holding);
        Assert.DoesNotContain(holding, r => r.StartsWith("history-chunk/", StringComparison.Ordinal));

        // A replay of everything: every history figure stays.
        await SealedWorkload.IngestAsync(silo, Tenant, all, alreadyCompleted: silo.Stats.Completed);
        var replayed = await reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/history?granularity=day&from={QueryValues.Iso(now.AddDays(-60))}");
        AssertBuckets(replayed.GetProperty("current"), HistoryGranularity.Day, truth);

        // Two days on, the five-minute chunks of today have left retention: their rows are deleted, by the busy
        // aggregates as they write and by the quiet ones when their retention reminder wakes them.
        var fiveMinuteRows = chunks.Keys.Where(k => k.Contains(".5m.", StringComparison.Ordinal)).ToList();
        clock.Advance(TimeSpan.FromDays(2));
        var later = TestWorkload.Build(Tenant, conversations: 2, seed: 24, clock.GetUtcNow().AddMinutes(-20));
        await SealedWorkload.IngestAsync(silo, Tenant, TestWorkload.Renamed(later, "later-"), alreadyCompleted: silo.Stats.Completed);
        await Eventually.ReturnsAsync(
            () => string.Join(' ', StoredRows.Payloads(connectionString, "history-chunk").Keys.Where(k => k.Contains(".5m.", StringComparison.Ordinal))),
            keys => !fiveMinuteRows.Any(k => keys.Contains(k, StringComparison.Ordinal)) && keys.Length > 0,
            TimeSpan.FromSeconds(100),
            "expired five-minute chunks deleted, the new ones stored");
        var stillThere = await reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/history?granularity=day&from={QueryValues.Iso(now.AddDays(-60))}");
        Assert.Equal(32, stillThere.GetProperty("current").GetProperty("total").GetProperty("conversations").GetInt64());

        // A tenant that keeps its history for six months is refused what is older, and the export follows history.
        using var admin = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/tenants/{Tenant}/settings/retention", new { historyMonths = 6 })).StatusCode);
        var beyond = await reader.GetAsync($"/v1/tenants/{Tenant}/history?granularity=month&from={QueryValues.Iso(clock.GetUtcNow().AddMonths(-7))}");
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        Assert.Contains("monthly buckets are kept for 6 months", await beyond.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var exported = await reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/workspaces/{workspace}/export?format=json&granularity=month&from={QueryValues.Iso(now.AddMonths(-3))}");
        var sameRange = await reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/workspaces/{workspace}/history?granularity=month&from={QueryValues.Iso(now.AddMonths(-3))}");
        var exportedTotal = exported.EnumerateArray().Sum(b => b.GetProperty("conversations").GetInt64());
        Assert.Equal(sameRange.GetProperty("current").GetProperty("total").GetProperty("conversations").GetInt64(), exportedTotal);
        Assert.True(exportedTotal >= groundTruth.ForWorkspace(workspace).Count(), $"the export counts {exportedTotal}, fewer than the workspace's conversations before the later ones");

        // A chunk that straddles its retention's edge loses its expired buckets from the stored row without waiting for
        // its newest bucket to expire: yesterday's hours, a month on, keep the evening and lose the night.
        var yesterday = HistoryCalendar.Floor(HistoryGranularity.Day, clock.GetUtcNow()).AddDays(-1);
        List<ChatEventDto> night =
        [
            .. TestWorkload.Renamed(TestWorkload.Build(Tenant, conversations: 2, seed: 25, yesterday.AddMinutes(5)), "night-"),
            .. TestWorkload.Renamed(TestWorkload.Build(Tenant, conversations: 2, seed: 26, yesterday.AddHours(21)), "evening-"),
        ];
        await SealedWorkload.IngestAsync(silo, Tenant, night, alreadyCompleted: silo.Stats.Completed);
        var hourChunk = HistoryChunkId.Of(HistoryGranularity.Hour, HistoryCalendar.IndexOf(HistoryGranularity.Hour, yesterday)).KeyFor(AggregateLevel.Tenant, Tenant);
        await Eventually.ReturnsAsync(
            () => StoredRows.States<HistoryChunkState>(connectionString, "history-chunk").GetValueOrDefault(hourChunk)?.Buckets.Keys.Select(h => HistoryCalendar.StartOf(HistoryGranularity.Hour, h)).ToList() ?? [],
            hours => hours.Any(h => h < yesterday.AddHours(12)) && hours.Any(h => h >= yesterday.AddHours(21)),
            TimeSpan.FromSeconds(30),
            "yesterday's night and evening hours stored");
        clock.Advance(yesterday.AddDays(31).AddHours(12) - clock.GetUtcNow());
        await Eventually.ReturnsAsync(
            () => StoredRows.States<HistoryChunkState>(connectionString, "history-chunk").GetValueOrDefault(hourChunk)?.Buckets.Keys.ToList() ?? [],
            keys => keys.Count > 0 && keys.All(h => HistoryCalendar.StartOf(HistoryGranularity.Hour, h) >= yesterday.AddHours(12)),
            TimeSpan.FromSeconds(100),
            "the night's hours trimmed from yesterday's chunk, the evening's kept");

        // And, once every aggregate has swept, no stored row of any granularity holds a bucket its retention no longer
        // keeps (two minutes of slack: the edge moves while the sweeps run).
        await Eventually.ReturnsAsync(
            () => ExpiredBuckets(connectionString, clock.GetUtcNow() - TimeSpan.FromMinutes(2), months: 6),
            expired => expired.Count == 0,
            TimeSpan.FromSeconds(100),
            "every stored history bucket within its retention");

        // The tenant's deletion takes its history with it.
        Assert.Equal(HttpStatusCode.OK, (await silo.OperatorAsync(HttpMethod.Post, $"tenants/{Tenant}/terminate", new { reason = "test" })).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Accepted, (await silo.OperatorAsync(HttpMethod.Post, $"tenants/{Tenant}/delete")).StatusCode);
        await Eventually.ReturnsAsync(silo.Grains.GetGrain<ITenantGrain>(Tenant).GetLifecycleAsync, l => l?.State == TenantLifecycleState.Deleted, TimeSpan.FromSeconds(60), "the deletion done");
        Assert.DoesNotContain(StoredRows.Payloads(connectionString, "history-chunk").Keys, k => k.StartsWith(Tenant + "/", StringComparison.Ordinal));

        // A send that was on its way during the deletion, arriving after the sweep, writes nothing back.
        var lateChunk = HistoryChunkId.Of(HistoryGranularity.Day, HistoryCalendar.IndexOf(HistoryGranularity.Day, now));
        var late = new HistoryDelta { Chunk = lateChunk, Sequence = 1_000_000 };
        late.Buckets[HistoryCalendar.IndexOf(HistoryGranularity.Day, now)] = new AggregateBucket { Conversations = 1 };
        await silo.Grains.GetGrain<IHistoryChunkGrain>(lateChunk.KeyFor(AggregateLevel.Tenant, Tenant)).ApplyAsync([late]);
        Assert.DoesNotContain(StoredRows.Payloads(connectionString, "history-chunk").Keys, k => k.StartsWith(Tenant + "/", StringComparison.Ordinal));
    }

    internal static void AssertBuckets(JsonElement period, HistoryGranularity granularity, IReadOnlyCollection<ScoreContribution> expected)
    {
        var from = period.GetProperty("from").GetDateTimeOffset();
        var to = period.GetProperty("to").GetDateTimeOffset();
        var inRange = expected.Where(c => c.At >= from && c.At < to).ToList();
        Assert.NotEmpty(inRange);
        var perBucket = inRange.GroupBy(c => HistoryCalendar.Floor(granularity, c.At)).ToDictionary(g => g.Key, g => g.ToList());
        var buckets = period.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(HistoryCalendar.IndexOf(granularity, to) - HistoryCalendar.IndexOf(granularity, from), buckets.Count);
        foreach (var bucket in buckets)
        {
            var these = perBucket.GetValueOrDefault(bucket.GetProperty("from").GetDateTimeOffset()) ?? [];
            Assert.Equal(these.Count, bucket.GetProperty("conversations").GetInt64());
            var mean = bucket.GetProperty("overall").GetProperty("mean");
            Assert.Equal(GroundTruth.Summary(these.Select(c => c.Overall)).Mean, mean.ValueKind == JsonValueKind.Null ? null : mean.GetDouble());
        }

        AssertTotal(period.GetProperty("total"), inRange);
    }

    internal static void AssertTotal(JsonElement total, IReadOnlyCollection<ScoreContribution> expected)
    {
        var (count, mean, p50, p90) = GroundTruth.Summary(expected.Select(c => c.Overall));
        Assert.Equal(count, total.GetProperty("conversations").GetInt64());
        var overall = total.GetProperty("overall");
        Assert.Equal(mean, overall.GetProperty("mean").GetDouble());
        Assert.Equal(p50, overall.GetProperty("p50").GetInt32());
        Assert.Equal(p90, overall.GetProperty("p90").GetInt32());
        foreach (var criterion in expected.SelectMany(c => c.Criteria).GroupBy(c => c.CriterionId))
        {
            var summary = GroundTruth.Summary(criterion.Select(c => c.Score));
            Assert.Equal(summary.P90, total.GetProperty("criteria").GetProperty(criterion.Key).GetProperty("p90").GetInt32());
        }
    }

    // "chunk bucket" of every stored history bucket of the tenant that its granularity's retention no longer keeps.
    private static List<string> ExpiredBuckets(string connectionString, DateTimeOffset now, int months) =>
        StoredRows.States<HistoryChunkState>(connectionString, "history-chunk")
            .Where(r => r.Key.StartsWith(Tenant + "/", StringComparison.Ordinal))
            .SelectMany(r =>
            {
                Assert.True(HistoryCalendar.TryParse(r.Key.Split('.')[2], out var granularity), r.Key);
                var kept = HistoryRetention.OldestKept(granularity, now, months);
                return r.Value.Buckets.Keys.Where(b => HistoryCalendar.EndOf(granularity, b) <= kept).Select(b => $"{r.Key} {HistoryCalendar.Label(granularity, b)}");
            })
            .ToList();

    // History changes every aggregate of the tenant still holds (they are sent within the flush interval).
    private static async Task<int> PendingHistoryAsync(RunningSilo silo, IEnumerable<ChatEventDto> events, IEnumerable<ScoreContribution> truth)
    {
        var views = new List<AggregateView?> { await silo.Grains.GetGrain<ITenantGrain>(Tenant).GetViewAsync() };
        foreach (var workspace in events.Select(e => e.Workspace!).Distinct())
        {
            views.Add(await silo.Grains.GetGrain<IWorkspaceGrain>(GrainKeys.Compose(Tenant, workspace)).GetViewAsync());
        }

        foreach (var agent in truth.Select(c => c.AgentId!).Distinct())
        {
            views.Add(await silo.Grains.GetGrain<IAgentGrain>(GrainKeys.Compose(Tenant, agent)).GetViewAsync());
        }

        return views.Sum(v => v!.HistoryPending);
    }
}
