using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CraftCX.Conversations;
using CraftCX.Encryption;
using CraftCX.Events.Json;
using CraftCX.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace CraftCX.Tests.Encryption;

/// <summary>
/// Crypto-shredding reaches backups: a dump of the data taken before a tenant's deletion, restored into a fresh
/// database, opens nothing of that tenant once its keys are destroyed, and its grains answer "gone", not 500.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CryptoShreddingTests(PostgresServer postgres)
{
    private const string Tenant = "t-shred";
    private const string Neighbour = "t-stays";
    private const string ReviewQuote = "She said to mail ines.okafor@example.net about the refund";

    [Fact]
    public async Task A_dump_taken_before_the_deletion_restores_into_data_no_key_opens()
    {
        // The keys live in a database of their own, as the README advises, so the data's backup carries none.
        var data = await postgres.CreateDatabaseAsync("shred");
        var keyStore = await postgres.CreateDatabaseAsync("shredkeys");
        var settings = new Dictionary<string, string?>
        {
            ["Encryption:KeyStoreConnectionString"] = keyStore,
            ["Retention:ReplayWindow"] = "00:00:00",
        };
        var (events, needles) = SealedWorkload.Build(Tenant, abcdConversations: 3, seed: 41);
        var (neighbourEvents, _) = SealedWorkload.Build(Neighbour, abcdConversations: 1, seed: 43);
        var neighbourSentence = SgdWorkload.Load()[0].Turns.Last(t => t[0] == "user")[1];
        string dump;
        byte[] sealedLetter;
        var clock = new ShiftedClock();
        await using (var silo = await RunningSilo.StartOnPostgresAsync(data, settings, clock))
        {
            await SealedWorkload.IngestAsync(silo, Tenant, events);
            await SealedWorkload.IngestAsync(silo, Neighbour, neighbourEvents, alreadyCompleted: events.Count);
            await SealedWorkload.ReviewAsync(silo, Tenant, "sgd-1", ReviewQuote, score: 60);
            needles.Add(ReviewQuote);
            Assert.Equal(0, StoredRows.Count(data, "data-keys"));
            Assert.Equal(2, StoredRows.Count(keyStore, "data-keys"));
            Assert.Equal(0, StoredRows.Count(keyStore, "conversation"));
            Assert.DoesNotContain(needles, n => StoredRows.Holding(data, n, keyStore).Count == 0);

            // A dead letter of the tenant, sealed as the ingestor seals them.
            sealedLetter = await silo.App.Services.GetRequiredService<ITenantPayloadSealer>().SealAsync(Tenant, "{\"text\":\"ines.okafor@example.net\"}"u8.ToArray(), DeadLetterSealing.Purpose);

            // The nightly backup, then the operator ends the contract.
            dump = await postgres.DumpAsync(data);
            Assert.Equal(HttpStatusCode.OK, (await silo.OperatorAsync(HttpMethod.Post, $"tenants/{Tenant}/terminate", new { reason = "contract 12 ended" })).StatusCode);
        }

        // A restart in between, so no conversation is in memory when the deletion (at once, by the operator) runs.
        clock.Advance(TimeSpan.FromMinutes(2));
        await using (var silo = await RunningSilo.StartOnPostgresAsync(data, settings, clock))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await silo.OperatorAsync(HttpMethod.Post, $"tenants/{Tenant}/delete")).StatusCode);
            var deleted = await Eventually.ReturnsAsync(
                silo.Grains.GetGrain<ITenantGrain>(Tenant).GetLifecycleAsync,
                l => l?.State == TenantLifecycleState.Deleted,
                TimeSpan.FromSeconds(60),
                "the deletion done");
            Assert.Equal(events.Select(e => e.Conversation).Distinct().Count(), deleted!.Deletion!.Conversations);
            var status = await (await silo.OperatorAsync(HttpMethod.Get, $"tenants/{Tenant}/encryption")).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(0, status.GetProperty("versions").GetArrayLength());
            Assert.Equal(JsonValueKind.String, status.GetProperty("destroyedAt").ValueKind);
            Assert.DoesNotContain(StoredRows.KeyVersions(data, SealedStates.Conversation), r => r.Row.Contains($"/{Tenant}/", StringComparison.Ordinal));

            // Its dead letters are gone with the keys, and no read made a new key.
            using var open = new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/tenants/{Tenant}/dead-letters/open") { Content = new ByteArrayContent(sealedLetter) };
            open.Headers.Add("X-Operator-Key", RunningSilo.OperatorKey);
            var opened = await silo.Http.SendAsync(open);
            Assert.Equal(HttpStatusCode.Gone, opened.StatusCode);
            Assert.Contains("Key destroyed", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Empty((await silo.Grains.GetGrain<ITenantKeyRingGrain>(Tenant).GetStatusAsync()).Versions);
        }

        // A byte search of the backup finds none of the tenant's personal data.
        Assert.All(needles, n =>
        {
            Assert.DoesNotContain(n, dump, StringComparison.Ordinal);
            Assert.DoesNotContain(Hex(n), dump, StringComparison.Ordinal);
        });

        // Restored into a fresh database, the tenant's rows are back, but no key there is opens them.
        var restored = await postgres.CreateDatabaseAsync("restored");
        await postgres.RestoreAsync(dump, restored);
        Assert.True(StoredRows.KeyVersions(restored, SealedStates.Conversation).Count(r => r.Row.Contains(Tenant + "/", StringComparison.Ordinal)) >= 5);
        // (The neighbour's workload has the same people, so only the tenant's rows are searched.)
        Assert.Empty(needles.SelectMany(n => StoredRows.Holding(restored, n, keyStore, shredded: true).Where(row => row.Contains($"/{Tenant}/", StringComparison.Ordinal)).Select(row => $"{row} opens to '{n}'")));
        Assert.NotEmpty(StoredRows.Holding(restored, neighbourSentence, keyStore, shredded: true));

        // A silo on the restored data and the live key store: the tenant's data is gone, the neighbour's is not.
        await using var after = await RunningSilo.StartOnPostgresAsync(restored, settings);
        var gone = await Assert.ThrowsAnyAsync<Exception>(() => after.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose(Tenant, "sgd-1")).GetSnapshotAsync(includeTranscript: true));
        Assert.Contains("Key destroyed", gone.ToString(), StringComparison.Ordinal);
        using var reader = after.ClientWithKey(await after.CreateKeyAsync(Tenant, "read", "transcripts"));
        var response = await reader.GetAsync($"/v1/tenants/{Tenant}/conversations/sgd-1?transcript=true");
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("Key destroyed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var reviews = await reader.GetAsync($"/v1/tenants/{Tenant}/conversations/sgd-1/reviews");
        Assert.Equal(HttpStatusCode.Gone, reviews.StatusCode);
        Assert.Contains("Key destroyed", await reviews.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The end user's export finds the person in the restored index, then answers 410: the first conversation
        // fails before the serializer has flushed anything, so no 200 with a cut-off document goes out.
        using var privacy = after.ClientWithKey(await after.CreateKeyAsync(Tenant, "privacy"));
        var search = await privacy.PostAsJsonAsync($"/v1/tenants/{Tenant}/privacy/end-users/search", new { email = "ines.okafor@example.net" });
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Contains("sgd-1", await search.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var export = await privacy.PostAsJsonAsync($"/v1/tenants/{Tenant}/privacy/end-users/export", new { email = "ines.okafor@example.net" });
        Assert.Equal(HttpStatusCode.Gone, export.StatusCode);
        var exportBody = await export.Content.ReadAsStringAsync();
        Assert.Contains("Key destroyed", exportBody, StringComparison.Ordinal);
        Assert.DoesNotContain("ines.okafor", exportBody, StringComparison.Ordinal);

        // Nor does new data of the shredded tenant get a fresh key there: its events are dropped, nothing is stored.
        using var ingest = after.ClientWithKey(await after.CreateKeyAsync(Tenant, "ingest"));
        var discarded = after.Stats.Discarded;
        await TestEvents.PostAsync(ingest, TestEvents.Of("conversation.started", Tenant, "floor", "after-restore", 0, new ChatEventDataDto { Channel = "chat", Customer = new CustomerDto { Id = "late-1", Email = "late.person@example.com" } }));
        await Eventually.ReturnsAsync(() => after.Stats.Discarded, d => d > discarded, TimeSpan.FromSeconds(30), "the shredded tenant's new event dropped");
        Assert.Empty((await after.Grains.GetGrain<ITenantKeyRingGrain>(Tenant).GetStatusAsync()).Versions);
        Assert.Empty(StoredRows.Holding(restored, "late.person@example.com", keyStore, shredded: true));
        Assert.Empty(StoredRows.HoldingRaw(restored, "late.person@example.com"));

        using var neighbour = after.ClientWithKey(await after.CreateKeyAsync(Neighbour, "read", "transcripts"));
        Assert.Contains(neighbourSentence, JsonStrings.Of(await neighbour.GetStringAsync($"/v1/tenants/{Neighbour}/conversations/sgd-1?transcript=true")));
    }

    private static string Hex(string text) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text));
}
