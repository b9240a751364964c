using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Conversations;
using CraftCX.Events.Json;
using CraftCX.Privacy;
using CraftCX.Security;

namespace CraftCX.Tests.Privacy.EndUsers;

/// <summary>
/// A restricted end user's events are kept but not scored until the restriction is lifted, then applied in
/// order; an end user's legal hold keeps both an erasure and retention away until it is lifted.
/// </summary>
public sealed class EndUserRestrictionTests
{
    private const string Tenant = "t-restrict";
    private const string Base = $"/v1/tenants/{Tenant}/privacy/end-users";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Restricted_events_wait_unscored_until_lifted_and_a_hold_keeps_erasure_and_retention_away()
    {
        await using var silo = await RunningSilo.StartAsync(new Dictionary<string, string?>());
        var events = TestWorkload.Build(Tenant, conversations: 2, seed: 41);
        var started = events.Where(e => e.Type == "conversation.started").ToList();
        var person = started[0].Data!.Customer!;
        started[1].Data!.Customer = new CustomerDto { Id = person.Id, Email = person.Email, Phone = person.Phone, Name = person.Name };
        var (x, y) = (started[0].Conversation!, started[1].Conversation!);
        var ofX = events.Where(e => e.Conversation == x).ToList();
        var ofY = events.Where(e => e.Conversation == y).ToList();
        Assert.Contains(ofX, e => e.Type == "conversation.closed");

        using var ingest = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, ApiScopes.Ingest));
        using var privacy = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, ApiScopes.Privacy));
        using var reader = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, ApiScopes.Read, ApiScopes.Transcripts));
        using var admin = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, ApiScopes.Admin));
        await TestEvents.PostAsync(ingest, ofX.Take(4).ToArray());
        await Eventually.ReturnsAsync(() => silo.Stats.Completed, c => c >= 4, Patience, "the first events applied");
        var before = await SnapshotAsync(reader, x);
        Assert.Equal(4, before.GetProperty("eventsApplied").GetInt32());
        Assert.NotEmpty(before.GetProperty("transcript").EnumerateArray());

        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync($"{Base}/restriction", new { customerId = person.Id })).StatusCode);
        var restricted = await privacy.PostAsJsonAsync($"{Base}/restriction", new { customerId = person.Id, reason = "objection 2026-17" });
        Assert.Equal(HttpStatusCode.OK, restricted.StatusCode);
        var status = await restricted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("objection 2026-17", status.GetProperty("restriction").GetProperty("reason").GetString());

        // The rest of X and all of Y arrive while restricted: kept, not scored, Y not even created.
        await TestEvents.PostAsync(ingest, [.. ofX.Skip(4), .. ofY]);
        await Eventually.ReturnsAsync(() => silo.Stats.Completed, c => c >= events.Count, Patience, "every event taken in");
        var held = await SnapshotAsync(reader, x);
        Assert.Equal(4, held.GetProperty("eventsApplied").GetInt32());
        Assert.Equal("open", held.GetProperty("status").GetString());
        Assert.Equal(before.GetProperty("score").GetRawText(), held.GetProperty("score").GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/v1/tenants/{Tenant}/conversations/{y}")).StatusCode);

        // The export holds what was held back: the end user's data, even unprocessed.
        var export = await (await privacy.PostAsJsonAsync($"{Base}/export", new { customerId = person.Id })).Content.ReadFromJsonAsync<JsonElement>();
        var exported = export.GetProperty("conversations").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal([x, y], exported.Keys.Order(StringComparer.Ordinal));
        Assert.True(exported[x].GetProperty("restricted").GetBoolean());
        Assert.Equal(ofX.Skip(4).Count(e => e.Type == "message.created"), exported[x].GetProperty("heldBack").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, exported[y].GetProperty("state").ValueKind);
        Assert.Equal(ofY.Count(e => e.Type == "message.created"), exported[y].GetProperty("heldBack").GetArrayLength());
        Assert.Equal(person.Email, exported[y].GetProperty("customer").GetProperty("email").GetString());

        // Y's close is held back, yet starts its retention clock: a purge takes the held back text too.
        var grainY = silo.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose(Tenant, y));
        Assert.Equal(RetentionOutcome.PersonalDataPurged, await grainY.ApplyRetentionAsync(new RetentionPolicy(TranscriptDays: 0)));
        var purgedY = (await (await privacy.PostAsJsonAsync($"{Base}/export", new { customerId = person.Id })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("conversations").EnumerateArray().Single(c => c.GetProperty("id").GetString() == y);
        Assert.Equal(ofY.Count(e => e.Type == "message.created"), purgedY.GetProperty("heldBack").GetArrayLength());
        Assert.All(purgedY.GetProperty("heldBack").EnumerateArray(), m => Assert.Equal(string.Empty, m.GetProperty("text").GetString()));
        Assert.Equal(JsonValueKind.Null, purgedY.GetProperty("customer").ValueKind);

        // A tenant-wide hold refuses any erasure.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/tenants/{Tenant}/hold", new { reason = "audit" })).StatusCode);
        var tenantHeld = await privacy.PostAsJsonAsync($"{Base}/delete", new { customerId = person.Id });
        Assert.Equal(HttpStatusCode.Conflict, tenantHeld.StatusCode);
        Assert.Contains("tenant is under a legal hold", await tenantHeld.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/tenants/{Tenant}/hold")).StatusCode);

        // A legal hold on the end user (admin only) refuses their erasure.
        Assert.Equal(HttpStatusCode.Forbidden, (await privacy.PostAsJsonAsync($"{Base}/hold", new { email = person.Email })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"{Base}/hold", new { email = person.Email, reason = "case 88" })).StatusCode);
        var refused = await privacy.PostAsJsonAsync($"{Base}/delete", new { email = person.Email });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("legal hold", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Named by another identifier, X still keeps everything under the hold, and says so; Y, purged already,
        // left every entry but the one restricting it.
        var kept = await (await privacy.PostAsJsonAsync($"{Base}/delete", new { phone = person.Phone })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0, 1), (kept.GetProperty("erased").GetInt32(), kept.GetProperty("held").GetInt32()));
        Assert.Equal([x], kept.GetProperty("conversations").EnumerateArray().Select(c => c.GetProperty("conversation").GetString()));
        Assert.Equal(before.GetProperty("transcript").GetRawText(), (await SnapshotAsync(reader, x)).GetProperty("transcript").GetRawText());

        // Lifted: the held back events are applied in order, scored and aggregated.
        Assert.Equal(HttpStatusCode.OK, (await privacy.PostAsJsonAsync($"{Base}/restriction/lift", new { customerId = person.Id })).StatusCode);
        var resumed = await SnapshotAsync(reader, x);
        Assert.Equal(ofX.Count, resumed.GetProperty("eventsApplied").GetInt32());
        Assert.Equal("closed", resumed.GetProperty("status").GetString());
        var resumedY = await SnapshotAsync(reader, y);
        Assert.Equal(ofY.Count, resumedY.GetProperty("eventsApplied").GetInt32());
        Assert.Empty(resumedY.GetProperty("transcript").EnumerateArray());
        await Eventually.ReturnsAsync(
            async () => (await reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}")).GetProperty("windows")[2].GetProperty("conversations").GetInt32(),
            n => n == 2,
            Patience,
            "both conversations in the tenant's aggregate");

        // Retention leaves the held end user's conversations alone until the hold is lifted.
        var purge = new RetentionPolicy(TranscriptDays: 0);
        var grain = silo.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose(Tenant, x));
        Assert.Equal(RetentionOutcome.Held, await grain.ApplyRetentionAsync(purge));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"{Base}/hold/lift", new { email = person.Email })).StatusCode);
        Assert.Equal(RetentionOutcome.PersonalDataPurged, await grain.ApplyRetentionAsync(purge));

        // Both purged and no longer restricted: neither is listed any more (Y left when its restriction was lifted).
        var found = await (await privacy.PostAsJsonAsync($"{Base}/search", new { customerId = person.Id })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(found.GetProperty("conversations").EnumerateArray());
    }

    private static Task<JsonElement> SnapshotAsync(HttpClient reader, string conversation) =>
        reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/conversations/{conversation}?transcript=true");
}
