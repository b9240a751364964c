using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CraftCX.Tests.Retention;

/// <summary>A held conversation or tenant keeps everything through a sweep; lifting the hold lets the next sweep catch up.</summary>
public sealed class LegalHoldTests
{
    private const string Tenant = "t-hold";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Held_conversations_and_held_tenants_keep_their_transcripts_until_the_hold_is_lifted()
    {
        var clock = new ShiftedClock();
        await using var silo = await RunningSilo.StartAsync(new Dictionary<string, string?>(), configure: builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var events = TestWorkload.Build(Tenant, conversations: 3, seed: 31);
        var conversations = events.Select(e => e.Conversation!).Distinct().ToList();
        using var ingest = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, ApiScopes.Ingest));
        await TestEvents.PostAsync(ingest, events.ToArray());
        await Eventually.ReturnsAsync(() => silo.Stats.Completed, c => c >= events.Count, Patience, "all events applied");
        using var admin = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, ApiScopes.Admin, ApiScopes.Read, ApiScopes.Transcripts));
        var sweeps = new SweepLedger(admin, Tenant);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/tenants/{Tenant}/settings/retention", new { transcriptDays = 1 })).StatusCode);

        var held = conversations[0];
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/tenants/{Tenant}/conversations/{held}/hold", new { reason = "case 2026-114" })).StatusCode);
        var status = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/conversations/{held}/hold");
        Assert.True(status.GetProperty("held").GetBoolean());
        Assert.Equal("case 2026-114", status.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/v1/tenants/{Tenant}/conversations/no-such/hold", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/v1/tenants/{Tenant}/conversations/{held}/hold", new { reason = new string('x', 501) })).StatusCode);

        await sweeps.MarkAsync();
        clock.Advance(TimeSpan.FromDays(3));
        var first = await sweeps.SweepAsync();
        Assert.Equal((2, 1), (first.Purged, first.Held));
        Assert.NotEmpty(await TranscriptAsync(admin, held));
        Assert.Empty(await TranscriptAsync(admin, conversations[1]));

        // Lifted: its day is due again, and the next sweep purges it.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/tenants/{Tenant}/conversations/{held}/hold")).StatusCode);
        await Eventually.ReturnsAsync(async () => (await sweeps.SweepAsync()).Purged, n => n == 1, Patience, "the lifted conversation purged");
        Assert.Empty(await TranscriptAsync(admin, held));

        // A tenant-wide hold stops the sweep altogether; the policy's deletion waits for it.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/tenants/{Tenant}/hold", new { reason = "litigation" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/tenants/{Tenant}/settings/retention", new { transcriptDays = 1, derivedDays = 2 })).StatusCode);
        var stopped = await sweeps.SweepAsync();
        Assert.True(stopped.TenantHeld);
        Assert.Equal(0, stopped.Deleted);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/v1/tenants/{Tenant}/conversations/{held}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/tenants/{Tenant}/hold")).StatusCode);
        Assert.Equal(3, (await sweeps.SweepAsync()).Deleted);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/tenants/{Tenant}/conversations/{held}")).StatusCode);

        // Setting and lifting holds is in the audit log, in order.
        var actions = (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/audit?limit=1000")).EnumerateArray()
            .Select(e => e.GetProperty("record").GetProperty("action").GetString())
            .Where(a => a!.StartsWith("hold.", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(["hold.conversation.set", "hold.conversation.set", "hold.conversation.set", "hold.conversation.lift", "hold.tenant.set", "hold.tenant.lift"], actions);
    }

    private static async Task<List<JsonElement>> TranscriptAsync(HttpClient client, string conversation) =>
        (await client.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/conversations/{conversation}?transcript=true"))
            .GetProperty("transcript").EnumerateArray().ToList();

}
