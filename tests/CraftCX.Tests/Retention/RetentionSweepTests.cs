using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace CraftCX.Tests.Retention;

/// <summary>
/// The whole path on PostgreSQL: closed conversations are indexed by day, the tenant's sweep purges the days past
/// the transcript period, turns those past the derived period into tombstones that drop a replay, and forgets them
/// once the replay window has passed; the raw rows show each step.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RetentionSweepTests(PostgresServer postgres)
{
    private const string Tenant = "t-sweep";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_sweep_purges_the_days_past_the_transcript_period_and_deletes_those_past_the_derived_one()
    {
        var connectionString = await postgres.CreateDatabaseAsync("sweep");
        var clock = new ShiftedClock();
        await using var silo = await RunningSilo.StartAsync(
            new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres", ["Storage:ConnectionString"] = connectionString },
            migrate: true,
            builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var events = TestWorkload.Build(Tenant, conversations: 6, seed: 23);
        using var ingest = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "ingest"));
        foreach (var chunk in events.Chunk(200))
        {
            await TestEvents.PostAsync(ingest, chunk);
        }

        await Eventually.ReturnsAsync(() => silo.Stats.Completed, c => c >= events.Count, Patience, "all events applied");
        var emails = events.Select(e => e.Data?.Customer?.Email).OfType<string>().Distinct().ToList();
        Assert.NotEmpty(emails);
        Assert.All(emails, email => Assert.True(StoredRows.Holding(connectionString, email).Count > 0, "the email is stored before the purge"));

        using var admin = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "admin"));
        var sweeps = new SweepLedger(admin, Tenant);
        var indexed = await Eventually.ReturnsAsync(() => StatusAsync(admin), s => s.GetProperty("daysIndexed").GetInt32() >= 1, Patience, "the close days indexed");
        Assert.True(StoredRows.Count(connectionString, "retention-bucket") >= 1);

        // Kept by default, and before the period has passed.
        Assert.Equal(0, (await sweeps.SweepAsync()).Purged);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/tenants/{Tenant}/settings/retention", new { transcriptDays = 1, derivedDays = 30 })).StatusCode);
        Assert.Equal(0, (await sweeps.SweepAsync()).Purged);
        Assert.All(emails, email => Assert.True(StoredRows.Holding(connectionString, email).Count > 0));

        await sweeps.MarkAsync();
        clock.Advance(TimeSpan.FromDays(3));
        var purge = await sweeps.SweepAsync();
        Assert.Equal(6, purge.Purged);
        Assert.Equal(0, purge.Failed);
        Assert.All(emails, email => Assert.Empty(StoredRows.Holding(connectionString, email)));
        Assert.Equal(indexed.GetProperty("daysIndexed").GetInt32(), (await StatusAsync(admin)).GetProperty("daysIndexed").GetInt32());

        // A day once purged is not visited again until the derived period ends.
        Assert.Equal(0, (await sweeps.SweepAsync()).Unchanged);

        // A late message after the purge (no reopen) makes its day due again, and the next sweep removes it.
        var late = events.Where(e => e.Conversation == events[0].Conversation).MaxBy(e => e.Sequence)!;
        const string LateText = "One more thing: my card ends 4242 and my email is late.sender@example.org";
        var before = silo.Stats.Completed;
        await TestEvents.PostAsync(ingest, TestEvents.Message(Tenant, late.Workspace!, late.Conversation!, late.Sequence!.Value + 1, "customer", "u-late", LateText, late.OccurredAt));
        await Eventually.ReturnsAsync(() => silo.Stats.Completed, c => c > before, Patience, "the late message applied");
        Assert.True(StoredRows.Holding(connectionString, "late.sender@example.org").Count > 0);
        Assert.Equal(1, (await sweeps.SweepAsync()).Purged);
        Assert.Empty(StoredRows.Holding(connectionString, "late.sender@example.org"));

        await sweeps.MarkAsync();
        clock.Advance(TimeSpan.FromDays(30));
        var delete = await sweeps.SweepAsync();
        Assert.Equal(6, delete.Deleted);
        Assert.Equal(6, StoredRows.Count(connectionString, "conversation"));

        // Within the replay window the tombstones drop a replay of the topic: nothing comes back, nothing is stuck.
        before = silo.Stats.Completed;
        foreach (var chunk in events.Chunk(200))
        {
            await TestEvents.PostAsync(ingest, chunk);
        }

        await Eventually.ReturnsAsync(() => silo.Stats.Completed - before, c => c >= events.Count, Patience, "the replay consumed");
        using var reader = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "read"));
        foreach (var conversation in events.Select(e => e.Conversation!).Distinct())
        {
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/v1/tenants/{Tenant}/conversations/{conversation}")).StatusCode);
        }

        Assert.All(emails, email => Assert.Empty(StoredRows.Holding(connectionString, email)));
        Assert.Equal(0, (await sweeps.SweepAsync()).Deleted);

        await sweeps.MarkAsync();
        clock.Advance(TimeSpan.FromDays(7));
        var forget = await sweeps.SweepAsync();
        Assert.Equal(6, forget.Forgotten);
        Assert.Equal(0, (await StatusAsync(admin)).GetProperty("daysIndexed").GetInt32());
        Assert.Equal(0, StoredRows.Count(connectionString, "conversation"));
        Assert.Equal(0, StoredRows.Count(connectionString, "retention-bucket"));
    }

    private static async Task<JsonElement> StatusAsync(HttpClient admin) =>
        await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/retention");
}
