using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CraftCX.Conversations;
using CraftCX.Encryption;
using CraftCX.Tenants;

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
        var clock = new ShiftedClock();
        await using (var silo = await RunningSilo.StartOnPostgresAsync(data, settings, clock))
        {
            await SealedWorkload.IngestAsync(silo, Tenant, events);
            await SealedWorkload.IngestAsync(silo, Neighbour, neighbourEvents, alreadyCompleted: events.Count);
            Assert.Equal(0, StoredRows.Count(data, "data-keys"));
            Assert.Equal(2, StoredRows.Count(keyStore, "data-keys"));
            Assert.Equal(0, StoredRows.Count(keyStore, "conversation"));
            Assert.DoesNotContain(needles, n => StoredRows.Holding(data, n, keyStore).Count == 0);

            // The nightly backup, then the operator ends the contract and deletes the tenant's data at once.
            dump = await postgres.DumpAsync(data);
            Assert.Equal(HttpStatusCode.OK, (await silo.OperatorAsync(HttpMethod.Post, $"tenants/{Tenant}/terminate", new { reason = "contract 12 ended" })).StatusCode);
            clock.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal(HttpStatusCode.Accepted, (await silo.OperatorAsync(HttpMethod.Post, $"tenants/{Tenant}/delete")).StatusCode);
            await Eventually.ReturnsAsync(
                silo.Grains.GetGrain<ITenantGrain>(Tenant).GetLifecycleAsync,
                l => l?.State == TenantLifecycleState.Deleted,
                TimeSpan.FromSeconds(60),
                "the deletion done");
            var status = await (await silo.OperatorAsync(HttpMethod.Get, $"tenants/{Tenant}/encryption")).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(0, status.GetProperty("versions").GetArrayLength());
            Assert.Equal(JsonValueKind.String, status.GetProperty("destroyedAt").ValueKind);
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
        Assert.Empty(needles.SelectMany(n => StoredRows.Holding(restored, n, keyStore).Where(row => row.Contains($"/{Tenant}/", StringComparison.Ordinal)).Select(row => $"{row} opens to '{n}'")));
        Assert.NotEmpty(StoredRows.Holding(restored, neighbourSentence, keyStore));

        // A silo on the restored data and the live key store: the tenant's data is gone, the neighbour's is not.
        await using var after = await RunningSilo.StartOnPostgresAsync(restored, settings);
        var gone = await Assert.ThrowsAnyAsync<Exception>(() => after.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose(Tenant, "sgd-1")).GetSnapshotAsync(includeTranscript: true));
        Assert.Contains("Key destroyed", gone.ToString(), StringComparison.Ordinal);
        using var reader = after.ClientWithKey(await after.CreateKeyAsync(Tenant, "read", "transcripts"));
        var response = await reader.GetAsync($"/v1/tenants/{Tenant}/conversations/sgd-1?transcript=true");
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("Key destroyed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var neighbour = after.ClientWithKey(await after.CreateKeyAsync(Neighbour, "read", "transcripts"));
        Assert.Contains(neighbourSentence, JsonStrings.Of(await neighbour.GetStringAsync($"/v1/tenants/{Neighbour}/conversations/sgd-1?transcript=true")));
    }

    private static string Hex(string text) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text));
}
