using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Aggregation.History;
using CraftCX.Aggregation;
using CraftCX.Events.Json;
using CraftCX.Silo.Demo;
using CraftCX.Tenants;
using CraftCX.Tests.Encryption;

namespace CraftCX.Tests.Aggregation;

/// <summary>
/// Sixty days of activity from the shared data, the silo stopped half-way with history changes still on their way to their chunks, and a
/// new silo on the same database taking the rest and a replay: history ends exactly at the ground truth.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HistoryRestartTests(PostgresServer postgres)
{
    private const string Tenant = "t-history-restart";

    [Fact]
    public async Task A_restart_in_the_middle_of_sixty_days_changes_no_history_figure()
    {
        var connectionString = await postgres.CreateDatabaseAsync("history_restart");
        var now = DateTimeOffset.UtcNow;

        // The past as the demo backfills it, from the shared data: ABCD agent chats and SGD assistant dialogues (bots,
        // hand-offs, workspaces by domain), two a day on every third of the last 60 days; and an hour of live chats.
        var plan = new DemoBackfillPlan(
            new DemoOptions { Tenant = Tenant, BackfillDays = 60, BackfillConversationsPerDay = 2, AssistantShare = 0.6, Seed = 7 },
            AbcdDataset.Load(TestWorkload.AbcdPath),
            SgdDataset.Load(Path.Combine(AppContext.BaseDirectory, "Demo", "Data", "sgd", "sgd_support_sample.json")));
        List<ChatEventDto> all =
        [
            .. plan.Days(now).Where((_, i) => i % 3 == 0).SelectMany(plan.EventsOf),
            .. TestWorkload.Build(Tenant, conversations: 6, seed: 64, now.AddMinutes(-50)),
        ];
        Assert.Contains(all, e => e.Conversation!.EndsWith("-sgd", StringComparison.Ordinal));

        // In time order, cut in the middle: some conversations have events on both sides of the restart.
        all = [.. all.OrderBy(e => e.OccurredAt)];
        var first = all.Take(all.Count / 2).ToList();
        var second = all.Skip(all.Count / 2).ToList();
        var groundTruth = GroundTruth.From(all);
        var truth = groundTruth.Contributions.ToList();
        Assert.Contains(truth, c => c.HandledBy == HandledBy.Bot);
        Assert.Contains(truth, c => c.HandledBy == HandledBy.Hybrid);
        Assert.Contains(first.Select(e => e.Conversation), second.Select(e => e.Conversation).Contains);

        // A history flush slower than the run: the first silo stops with its changes stored but not yet sent.
        var slow = new Dictionary<string, string?> { ["Aggregation:HistoryFlushInterval"] = "00:01:00" };
        await using (var before = await RunningSilo.StartOnPostgresAsync(connectionString, slow))
        {
            await SealedWorkload.IngestAsync(before, Tenant, first);
            Assert.True((await before.Grains.GetGrain<ITenantGrain>(Tenant).GetViewAsync())!.HistoryPending > 0, "nothing left to send at the stop: the restart would prove nothing");
        }

        await using var after = await RunningSilo.StartOnPostgresAsync(connectionString, new Dictionary<string, string?> { ["Aggregation:HistoryFlushInterval"] = "00:00:00.200" });
        await SealedWorkload.IngestAsync(after, Tenant, [.. second, .. first.TakeLast(first.Count / 3)]);
        using var reader = after.ClientWithKey(await after.CreateKeyAsync(Tenant, "read"));
        var range = $"/v1/tenants/{Tenant}/history?granularity=day&from={QueryValues.Iso(now.AddDays(-60))}";
        HistoryPipelineTests.AssertBuckets((await reader.GetFromJsonAsync<JsonElement>(range)).GetProperty("current"), HistoryGranularity.Day, truth);

        // Once every change reached its chunk, the chunks alone say the same.
        await Eventually.ReturnsAsync(
            async () => (await after.Grains.GetGrain<ITenantGrain>(Tenant).GetViewAsync())!.HistoryPending,
            pending => pending == 0,
            TimeSpan.FromSeconds(30),
            "history sent to its chunks");
        HistoryPipelineTests.AssertBuckets((await reader.GetFromJsonAsync<JsonElement>(range)).GetProperty("current"), HistoryGranularity.Day, truth);
        var months = await reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/history?granularity=month&from={QueryValues.Iso(now.AddMonths(-2))}");
        HistoryPipelineTests.AssertTotal(months.GetProperty("current").GetProperty("total"), truth);

        // Every workspace's days, each bucket with its criteria and handlers; and an arbitrary range of weeks against
        // the same length of time before it.
        await groundTruth.AssertHistoryMatchesAsync(after.Grains, Tenant, HistoryGranularity.Day, now.AddDays(-60));
        var weeks = await reader.GetFromJsonAsync<JsonElement>(
            $"/v1/tenants/{Tenant}/history?granularity=week&from={QueryValues.Iso(now.AddDays(-47).AddHours(5))}&to={QueryValues.Iso(now.AddDays(-12).AddHours(-3))}&compare=true");
        HistoryPipelineTests.AssertBuckets(weeks.GetProperty("current"), HistoryGranularity.Week, truth);
        var previous = weeks.GetProperty("previous");
        var (previousFrom, previousTo) = (previous.GetProperty("from").GetDateTimeOffset(), previous.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(weeks.GetProperty("current").GetProperty("from").GetDateTimeOffset(), previousTo);
        HistoryPipelineTests.AssertTotal(previous.GetProperty("total"), truth.Where(c => c.At >= previousFrom && c.At < previousTo).ToList());
    }
}
