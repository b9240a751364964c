using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Aggregation.History;
using CraftCX.Events.Json;
using CraftCX.Tenants;
using CraftCX.Tests.Encryption;

namespace CraftCX.Tests.Aggregation;

/// <summary>
/// Sixty days of activity, the silo stopped half-way with history changes still on their way to their chunks, and a
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
        List<ChatEventDto> all =
        [
            .. TestWorkload.Renamed(TestWorkload.Build(Tenant, conversations: 8, seed: 61, now.AddDays(-58)), "d58-"),
            .. TestWorkload.Renamed(TestWorkload.Build(Tenant, conversations: 8, seed: 62, now.AddDays(-31)), "d31-"),
            .. TestWorkload.Renamed(TestWorkload.Build(Tenant, conversations: 8, seed: 63, now.AddDays(-9)), "d9-"),
            .. TestWorkload.Build(Tenant, conversations: 6, seed: 64, now.AddMinutes(-50)),
        ];

        // In time order, cut in the middle: some conversations have events on both sides of the restart.
        all = [.. all.OrderBy(e => e.OccurredAt)];
        var first = all.Take(all.Count / 2).ToList();
        var second = all.Skip(all.Count / 2).ToList();
        var truth = GroundTruth.From(all).Contributions.ToList();
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
    }
}
