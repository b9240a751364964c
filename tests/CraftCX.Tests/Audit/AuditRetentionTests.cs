using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Audit;
using CraftCX.Privacy;
using CraftCX.Security;

namespace CraftCX.Tests.Audit;

/// <summary>
/// The audit log's own category: the retention sweep removes whole segments past the tenant's audit period (their
/// rows go), the rest still verifies from the anchor, and the export carries everything kept, chain included.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditRetentionTests(PostgresServer postgres)
{
    private const string Tenant = "t-audit-retain";

    [Fact]
    public async Task Old_segments_expire_with_their_rows_and_the_rest_verifies_and_exports_from_the_anchor()
    {
        var connectionString = await postgres.CreateDatabaseAsync("auditretain");
        var clock = new ShiftedClock();
        await using var silo = await RunningSilo.StartOnPostgresAsync(connectionString, clock: clock);
        using var admin = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, ApiScopes.Admin));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/v1/tenants/{Tenant}/settings/retention", new { auditDays = 7 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/tenants/{Tenant}/settings/retention", new { auditDays = 30 })).StatusCode);

        // Two full segments and a part, a year ago; then some entries now.
        var log = silo.Grains.GetGrain<IAuditLogGrain>(Tenant);
        var before = (await log.ReadAsync(1, 10)).Count;
        for (var i = before; i < 1_100; i++)
        {
            await log.AppendAsync(new AuditRecord("system", "test.old", $"n={i}", "done"));
        }

        // A year later, enough to seal one more segment, which is recent and must stay.
        clock.Advance(TimeSpan.FromDays(365));
        for (var i = 0; i < 500; i++)
        {
            await log.AppendAsync(new AuditRecord("system", "test.new", $"n={i}", "done"));
        }

        Assert.Equal(3, StoredRows.Count(connectionString, "audit-segment"));

        // The retention sweep expires the log's own category too.
        var retention = silo.Grains.GetGrain<IRetentionGrain>(Tenant);
        await retention.TrackDayAsync(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        await retention.SweepAsync();
        await Eventually.ReturnsAsync(async () => (await retention.GetStatusAsync()).LastSweep?.Running, r => r == false, TimeSpan.FromSeconds(30), "the sweep done");

        var anchor = await log.GetAnchorAsync();
        Assert.Equal(1_000, anchor?.Sequence);
        Assert.Equal(1, StoredRows.Count(connectionString, "audit-segment"));
        var verified = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/audit/verify");
        Assert.True(verified.GetProperty("valid").GetBoolean());
        var kept = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/audit?limit=1000");
        Assert.Equal(1_001, kept[0].GetProperty("sequence").GetInt64());
        Assert.Equal("test.old", kept[0].GetProperty("record").GetProperty("action").GetString());
        Assert.Contains(kept.EnumerateArray(), e => e.GetProperty("record").GetProperty("action").GetString() == "audit.expired");

        // The export: the anchor and every kept entry, which chain on from it offline.
        var export = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/audit/export");
        Assert.Equal(anchor!.Hash, export.GetProperty("anchor").GetProperty("hash").GetString());
        var entries = export.GetProperty("entries").Deserialize<List<AuditEntry>>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(kept.GetArrayLength(), entries.Count(e => e.Sequence <= kept[kept.GetArrayLength() - 1].GetProperty("sequence").GetInt64()));
        Assert.Equal(new AuditVerification(entries.Count, true, null), AuditChain.Verify(Tenant, entries, anchor));
        Assert.False(AuditChain.Verify(Tenant, entries).Valid);
    }
}
