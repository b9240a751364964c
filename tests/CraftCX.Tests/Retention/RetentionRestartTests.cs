using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Security;

namespace CraftCX.Tests.Retention;

/// <summary>A sweep cut short by a silo's stop is finished by the next silo's sweep: nothing due is left behind.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RetentionRestartTests(PostgresServer postgres)
{
    private const string Tenant = "t-restart";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_sweep_stopped_with_its_silo_is_finished_by_the_next_silo()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = await postgres.CreateDatabaseAsync("retention-restart"),
            ["Orleans:ClusterId"] = "retention-restart",

            // One conversation at a time, so that the stop lands in the middle of the sweep.
            ["Retention:SweepConcurrency"] = "1",
        };
        // Closed three days ago: due at once with transcriptDays 0, with no clock moved (Orleans' membership reads
        // the same clock, and two silos must agree on it).
        var events = TestWorkload.Build(Tenant, conversations: 40, seed: 41, start: DateTimeOffset.UtcNow.AddDays(-3));
        var emails = events.Select(e => e.Data?.Customer?.Email).OfType<string>().Distinct().ToList();
        Assert.NotEmpty(emails);

        await using (var first = await RunningSilo.StartAsync(settings, migrate: true))
        {
            using var ingest = first.ClientWithKey(await first.CreateKeyAsync(Tenant, ApiScopes.Ingest));
            foreach (var chunk in events.Chunk(400))
            {
                await TestEvents.PostAsync(ingest, chunk);
            }

            await Eventually.ReturnsAsync(() => first.Stats.Completed, c => c >= events.Count, Patience, "all events applied");
            using var admin = first.ClientWithKey(await first.CreateKeyAsync(Tenant, ApiScopes.Admin));
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/tenants/{Tenant}/settings/retention", new { transcriptDays = 0 })).StatusCode);
            await Eventually.ReturnsAsync(
                async () => (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/retention")).GetProperty("daysIndexed").GetInt32(),
                d => d >= 1,
                Patience,
                "the close days indexed");
            Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/v1/tenants/{Tenant}/retention/sweep", null)).StatusCode);
        }

        await using var second = await RunningSilo.StartAsync(settings);
        using var secondAdmin = second.ClientWithKey(await second.CreateKeyAsync(Tenant, ApiScopes.Admin));
        Assert.Equal(HttpStatusCode.Accepted, (await secondAdmin.PostAsync($"/v1/tenants/{Tenant}/retention/sweep", null)).StatusCode);
        await Eventually.ReturnsAsync(
            async () => (await secondAdmin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/retention")).GetProperty("lastSweep"),
            last => last.ValueKind == JsonValueKind.Object && !last.GetProperty("running").GetBoolean() && last.GetProperty("failed").GetInt64() == 0,
            Patience,
            "the second silo's sweep finished");

        Assert.All(emails, email => Assert.Empty(StoredRows.Holding(settings["Storage:ConnectionString"]!, email)));
    }
}
