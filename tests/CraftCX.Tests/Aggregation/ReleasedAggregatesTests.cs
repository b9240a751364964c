using CraftCX.Aggregation;
using CraftCX.Events.Json;
using CraftCX.Tenants;
using CraftCX.Tests.Encryption;

namespace CraftCX.Tests.Aggregation;

/// <summary>
/// On PostgreSQL, through the real pipeline: closed conversations release their aggregates, whose stored rows then
/// hold buckets and not conversations, and every figure stays exact through a late event and a full replay.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReleasedAggregatesTests(PostgresServer postgres)
{
    private const string Tenant = "t-released";

    [Fact]
    public async Task Aggregate_rows_stop_growing_with_conversations_and_figures_stay_exact_through_late_events_and_replays()
    {
        var connectionString = await postgres.CreateDatabaseAsync("released");
        await using var silo = await RunningSilo.StartOnPostgresAsync(connectionString, new Dictionary<string, string?> { ["Aggregation:HistoryFlushInterval"] = "00:00:00.200" });
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        var first = TestWorkload.Build(Tenant, conversations: 10, seed: 5, start);
        var more = TestWorkload.Renamed(TestWorkload.Build(Tenant, conversations: 150, seed: 6, start), "more-");

        await SealedWorkload.IngestAsync(silo, Tenant, first);
        var small = await SettledTenantRowBytesAsync(silo, connectionString);
        await SealedWorkload.IngestAsync(silo, Tenant, more, alreadyCompleted: silo.Stats.Completed);
        var large = await SettledTenantRowBytesAsync(silo, connectionString);
        await GroundTruth.From([.. first, .. more]).AssertGrainsMatchAsync(silo.Grains, Tenant);

        // Holding every conversation cost about 300 bytes each; what is left is the buckets filling up.
        Assert.True(large - small < 150 * 60, $"the tenant aggregate row grew from {small} to {large} bytes for 150 more conversations");
        var closed = first.Concat(more).Select(e => e.Conversation!).Distinct().ToList();
        var holding = closed.SelectMany(c => StoredRows.Holding(connectionString, $"{Tenant}/{c}")).Where(r => !r.StartsWith("conversation/", StringComparison.Ordinal) && !r.StartsWith("workspace/", StringComparison.Ordinal)).ToList();
        Assert.Empty(holding);

        // Workspaces keep the latest 200 for the dashboard, but hold none of them as unreleased.
        foreach (var workspace in first.Concat(more).Select(e => e.Workspace!).Distinct())
        {
            Assert.Equal(0, (await silo.Grains.GetGrain<IWorkspaceGrain>(GrainKeys.Compose(Tenant, workspace)).GetViewAsync())!.HeldContributions);
        }

        // A late event to a released conversation: its new score replaces the released one, nowhere counted twice.
        var late = first.Where(e => e.Conversation == first[0].Conversation).MaxBy(e => e.Sequence)!;
        var rating = TestEvents.Message(Tenant, late.Workspace!, late.Conversation!, late.Sequence!.Value + 1, "agent", "late-agent", "Sorry, one more thing: your refund is on its way.", late.OccurredAt!.Value.AddSeconds(30));
        await SealedWorkload.IngestAsync(silo, Tenant, [rating], alreadyCompleted: silo.Stats.Completed);
        var truth = GroundTruth.From([.. first, .. more, rating]);
        await truth.AssertGrainsMatchAsync(silo.Grains, Tenant);
        await Eventually.ReturnsAsync(() => silo.Grains.GetGrain<ITenantGrain>(Tenant).GetViewAsync(), v => v!.HeldContributions == 0, TimeSpan.FromSeconds(30), "the late event released again");
        var before = await silo.Grains.GetGrain<ITenantGrain>(Tenant).GetViewAsync();

        // Everything again, as a replay would bring it: all duplicates, nothing changes.
        await SealedWorkload.IngestAsync(silo, Tenant, [.. first, .. more, rating], alreadyCompleted: silo.Stats.Completed);
        await truth.AssertGrainsMatchAsync(silo.Grains, Tenant);
        var after = await silo.Grains.GetGrain<ITenantGrain>(Tenant).GetViewAsync();
        Assert.Equal(before!.ContributionsApplied, after!.ContributionsApplied);
    }

    // Once written after the releases and after its history changes went to their chunks (writes are grouped, so
    // the row follows the grain a moment later; the history outbox empties within Aggregation:HistoryFlushInterval).
    private static async Task<int> SettledTenantRowBytesAsync(RunningSilo silo, string connectionString)
    {
        await Eventually.ReturnsAsync(() => silo.Grains.GetGrain<ITenantGrain>(Tenant).GetViewAsync(), v => v!.HistoryPending == 0, TimeSpan.FromSeconds(30), "history sent to its chunks");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var conversationKeys = Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(Tenant + "/"));
        var row = await Eventually.ReturnsAsync(
            () => StoredRows.Payloads(connectionString, "tenant-aggregate").Single().Value,
            hex => !hex.Contains(conversationKeys, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the tenant aggregate row written without conversations");
        return row.Length / 2;
    }
}
