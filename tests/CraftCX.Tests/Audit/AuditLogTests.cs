using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Audit;
using CraftCX.Security;

namespace CraftCX.Tests.Audit;

/// <summary>
/// Every privileged action and every transcript read lands in the tenant's audit log with who, what, on which ids
/// and the outcome; the log is the tenant's alone, pages across its sealed segments and verifies.
/// </summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private const string Tenant = "t-audit";
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync(new Dictionary<string, string?>());

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Admin_actions_key_management_and_transcript_reads_are_recorded_with_their_outcome()
    {
        var adminKey = await _silo.CreateKeyAsync(Tenant, ApiScopes.Admin);
        var readerKey = await _silo.CreateKeyAsync(Tenant, ApiScopes.Read, ApiScopes.Transcripts);
        var otherKey = await _silo.CreateKeyAsync("t-audit-other", ApiScopes.Admin);
        using var admin = _silo.ClientWithKey(adminKey);
        using var reader = _silo.ClientWithKey(readerKey);
        using var other = _silo.ClientWithKey(otherKey);
        await TestEvents.PostAsync(_silo.ClientWithKey(await _silo.CreateKeyAsync(Tenant, ApiScopes.Ingest)),
            TestEvents.Message(Tenant, "w1", "c-1", 1, "customer", "u-1", "Where is my parcel?"));
        await Eventually.ReturnsAsync(() => reader.GetAsync($"/v1/tenants/{Tenant}/conversations/c-1"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the conversation");

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/tenants/{Tenant}/settings/retention", new { transcriptDays = 30 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/v1/tenants/{Tenant}/settings/retention", new { transcriptDays = -1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/tenants/{Tenant}/conversations/c-1?transcript=true")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/tenants/{Tenant}/conversations/c-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/v1/tenants/{Tenant}/settings/retention", new { transcriptDays = 1 })).StatusCode);
        var supervisorKey = await _silo.CreateKeyAsync(Tenant, ApiScopes.Supervise);
        using (var supervisor = _silo.ClientWithKey(supervisorKey))
        {
            var review = await supervisor.PostAsJsonAsync($"/v1/tenants/{Tenant}/conversations/c-1/reviews", new { reviewerId = "rita", scores = new[] { new { criterionId = "greeting", score = 50 } } });
            Assert.Equal(HttpStatusCode.Created, review.StatusCode);
        }

        var keyId = adminKey.Split('_')[2];
        using (var revoke = new HttpRequestMessage(HttpMethod.Delete, $"/v1/admin/tenants/{Tenant}/keys/{readerKey.Split('_')[2]}"))
        {
            revoke.Headers.Add("X-Operator-Key", RunningSilo.OperatorKey);
            Assert.Equal(HttpStatusCode.NoContent, (await _silo.Http.SendAsync(revoke)).StatusCode);
        }

        var entries = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/audit");
        var seen = entries.EnumerateArray()
            .Select(e => (Actor: e.GetProperty("record").GetProperty("actor").GetString(), Action: e.GetProperty("record").GetProperty("action").GetString(), Target: e.GetProperty("record").GetProperty("target").GetString(), Outcome: e.GetProperty("record").GetProperty("outcome").GetString()))
            .ToList();
        Assert.Equal(
            [
                ("operator", "key.create", "", "201"),
                ("operator", "key.create", "", "201"),
                ("operator", "key.create", "", "201"),
                ($"key:{keyId}", "settings.retention.put", "", "200"),
                ($"key:{keyId}", "settings.retention.put", "", "400"),
                ($"key:{readerKey.Split('_')[2]}", "transcript.read", "conversation=c-1", "200"),
                ("operator", "key.create", "", "201"),
                ($"key:{supervisorKey.Split('_')[2]}", "review.submit", "conversation=c-1", "201"),
                ("operator", "key.revoke", $"keyId={readerKey.Split('_')[2]}", "204"),
            ],
            seen);
        Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => (long)i), entries.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));

        // The other tenant's refused write left nothing here, and its own log holds only its key.
        using var otherLog = await other.GetAsync("/v1/tenants/t-audit-other/audit");
        Assert.Single((await otherLog.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/v1/tenants/{Tenant}/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _silo.ClientWithKey(await _silo.CreateKeyAsync(Tenant, ApiScopes.Read)).GetAsync($"/v1/tenants/{Tenant}/audit")).StatusCode);

        var verified = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/audit/verify");
        Assert.True(verified.GetProperty("valid").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/v1/tenants/{Tenant}/audit?limit=5000")).StatusCode);

        // Far past the end: an empty page at once, not a walk over billions of segments.
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/audit?from=1073741824001")).EnumerateArray());
    }

    [Fact]
    public async Task A_long_log_pages_across_its_sealed_segments_in_order_and_verifies()
    {
        var log = _silo.Grains.GetGrain<IAuditLogGrain>("t-audit-long");
        var count = 1234;
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => log.AppendAsync(new AuditRecord("system", "test.append", $"n={i}", "done"))));

        var read = new List<AuditEntry>();
        for (long from = 1; ; )
        {
            var page = await log.ReadAsync(from, 300);
            if (page.Count == 0)
            {
                break;
            }

            read.AddRange(page);
            from = page[^1].Sequence + 1;
        }

        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), read.Select(e => e.Sequence));
        Assert.Equal(count, read.Select(e => e.Record.Target).Distinct().Count());
        Assert.Equal(new AuditVerification(count, true, null), await log.VerifyAsync());
    }
}
