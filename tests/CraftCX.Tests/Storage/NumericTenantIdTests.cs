using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Conversations;
using CraftCX.Encryption;
using CraftCX.Tenants;
using CraftCX.Tests.Encryption;

namespace CraftCX.Tests.Storage;

/// <summary>
/// Tenant ids that read as hex numbers ("cafe", "0cafe", "10042") or as a GUID keep rows of their own on PostgreSQL. The ADO.NET
/// provider stores such a key as the number and drops the string, so "cafe" and "0cafe" used to share every row
/// keyed by the tenant id (settings, API keys, key ring, audit log), and a deletion did not find them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NumericTenantIdTests(PostgresServer postgres)
{
    // Hex numbers, and 32 hex digits, which the provider reads as a GUID.
    private static readonly string[] Tenants = ["cafe", "0cafe", "10042", "0123456789abcdef0123456789abcdef"];

    [Fact]
    public async Task Tenants_whose_ids_read_as_numbers_have_their_own_rows_and_are_deleted_alone()
    {
        var connectionString = await postgres.CreateDatabaseAsync("hexids");
        await using var silo = await RunningSilo.StartOnPostgresAsync(connectionString);
        var workloads = Tenants.ToDictionary(t => t, t => SealedWorkload.Build(t, abcdConversations: 1, seed: 71));
        foreach (var (tenant, (events, _)) in workloads)
        {
            await SealedWorkload.IngestAsync(silo, tenant, events, alreadyCompleted: silo.Stats.Completed);
        }

        // Each tenant's conversations open under its own key: a shared key ring would fail their tags.
        Assert.Equal(0, silo.Stats.DeadLettered);
        foreach (var (tenant, (events, _)) in workloads)
        {
            foreach (var conversation in events.Select(e => e.Conversation!).Distinct())
            {
                var snapshot = await silo.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose(tenant, conversation)).GetSnapshotAsync(includeTranscript: true);
                Assert.NotEmpty(snapshot!.Transcript!);
            }

            var keys = await (await silo.OperatorAsync(HttpMethod.Get, $"tenants/{tenant}/keys")).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Single(keys.EnumerateArray());
        }

        // On the raw rows: one row per tenant for each state keyed by the tenant id.
        foreach (var state in new[] { "tenant-settings", "api-keys", KeyRingStorage.StateName, "audit-log" })
        {
            Assert.Equal(Tenants.Select(t => t + "/").Order(StringComparer.Ordinal), StoredRows.Payloads(connectionString, state).Keys.Order(StringComparer.Ordinal));
        }

        // The operator's pass over the key rings lists each of them once.
        var page = await (await silo.OperatorAsync(HttpMethod.Post, "encryption/rewrap?limit=10")).Content.ReadFromJsonAsync<KeyRewrapPage>(JsonSerializerOptions.Web);
        Assert.Equal((4, 0, (string?)null), (page!.Tenants, page.Failed.Count, page.Next));

        // Deleting "cafe" takes its rows and none of "0cafe"'s.
        var cafe = silo.Grains.GetGrain<ITenantGrain>("cafe");
        await cafe.SetRetentionPolicyAsync(new CraftCX.Privacy.RetentionPolicy(WindDownDays: 0));
        await cafe.TerminateAsync("contract ended");
        await cafe.RunWindDownAsync();
        await Eventually.ReturnsAsync(cafe.GetLifecycleAsync, l => l?.State == TenantLifecycleState.Deleted, TimeSpan.FromSeconds(60), "the deletion done");
        var left = StoredRows.Payloads(connectionString, "api-keys").Keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["0123456789abcdef0123456789abcdef/", "0cafe/", "10042/"], left);
        Assert.NotNull(await silo.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose("0cafe", "sgd-1")).GetSnapshotAsync(includeTranscript: true));
    }
}
