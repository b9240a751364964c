using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CraftCX.Audit;
using CraftCX.Conversations;
using CraftCX.Encryption;
using Microsoft.Extensions.Options;

namespace CraftCX.Tests.Encryption;

/// <summary>
/// A new key-encryption key takes over without downtime: with the earlier one configured as previous, key rings
/// wrapped by it still open and move to the new key (each on its first use, and all of them through the operator's
/// paged pass); after that the earlier key can go, and every row still opens.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class KeyEncryptionKeyRotationTests(PostgresServer postgres)
{
    private const string Busy = "t-kek-1";
    private const string Quiet = "t-kek-2";

    [Fact]
    public async Task Key_rings_move_to_a_new_key_encryption_key_and_the_old_one_can_then_be_removed()
    {
        var data = await postgres.CreateDatabaseAsync("kekrot");
        var (busyEvents, _) = SealedWorkload.Build(Busy, abcdConversations: 2, seed: 51);
        var (quietEvents, _) = SealedWorkload.Build(Quiet, abcdConversations: 1, seed: 53);
        await using (var first = await RunningSilo.StartOnPostgresAsync(data))
        {
            await SealedWorkload.IngestAsync(first, Busy, busyEvents);
            await SealedWorkload.IngestAsync(first, Quiet, quietEvents, alreadyCompleted: busyEvents.Count);
        }

        var ringsBefore = StoredRows.Payloads(data, KeyRingStorage.StateName);
        Assert.Equal(2, ringsBefore.Count);
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var onNewKey = new Dictionary<string, string?> { ["Encryption:KeyEncryptionKey"] = newKey, ["Encryption:KeyEncryptionKeyVersion"] = "2" };

        // Another key that is not the one version 1 was used with stops the start, naming its setting.
        var wrongOther = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningSilo.StartOnPostgresAsync(data, new Dictionary<string, string?>(onNewKey)
        {
            ["Encryption:OtherKeyEncryptionKeys:1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        }));
        Assert.Contains("Encryption:OtherKeyEncryptionKeys:1", wrongOther.Message, StringComparison.Ordinal);

        // Step 1 of the change: every silo learns the new key as another one; nothing moves while version 1 is current.
        await using (var learning = await RunningSilo.StartOnPostgresAsync(data, new Dictionary<string, string?> { ["Encryption:OtherKeyEncryptionKeys:2"] = newKey }))
        {
            Assert.NotNull(await learning.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose(Busy, "sgd-1")).GetSnapshotAsync(includeTranscript: true));
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(ringsBefore, StoredRows.Payloads(data, KeyRingStorage.StateName));

        // Without the old key, the silo starts, but a ring it wrapped does not open: the error says what to set.
        await using (var without = await RunningSilo.StartOnPostgresAsync(data, onNewKey))
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => without.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose(Busy, "sgd-1")).GetSnapshotAsync(includeTranscript: true));
            Assert.Contains("Encryption:OtherKeyEncryptionKeys:1", refused.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(ringsBefore, StoredRows.Payloads(data, KeyRingStorage.StateName));

        // Step 2: the new key current, the old one as another. The ring in use moves when the silo first loads it;
        // the quiet one waits for the operator's pass.
        var withOld = new Dictionary<string, string?>(onNewKey) { ["Encryption:OtherKeyEncryptionKeys:1"] = RunningSilo.KeyEncryptionKey };
        await using (var during = await RunningSilo.StartOnPostgresAsync(data, withOld))
        {
            Assert.NotNull(await during.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose(Busy, "sgd-1")).GetSnapshotAsync(includeTranscript: true));
            var rings = await Eventually.ReturnsAsync(
                () => StoredRows.Payloads(data, KeyRingStorage.StateName),
                r => r[Busy] != ringsBefore[Busy],
                TimeSpan.FromSeconds(15),
                "the busy ring moved");
            Assert.Equal(ringsBefore[Quiet], rings[Quiet]);

            // A ring is only moved to the version current on the silo that serves it.
            var elsewhere = await Assert.ThrowsAsync<InvalidOperationException>(() => during.Grains.GetGrain<ITenantKeyRingGrain>(Quiet).RewrapAsync(3));
            Assert.Contains("current key-encryption key is version 2, not 3", elsewhere.Message, StringComparison.Ordinal);
            Assert.Equal(ringsBefore[Quiet], StoredRows.Payloads(data, KeyRingStorage.StateName)[Quiet]);

            Assert.Equal(HttpStatusCode.BadRequest, (await during.OperatorAsync(HttpMethod.Post, "encryption/rewrap?limit=0")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await during.Http.PostAsync("/v1/admin/encryption/rewrap", null)).StatusCode);
            var pages = new List<KeyRewrapPage>();
            string? next = string.Empty;
            while (next is not null)
            {
                var response = await during.OperatorAsync(HttpMethod.Post, $"encryption/rewrap?limit=1&after={Uri.EscapeDataString(next)}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = (await response.Content.ReadFromJsonAsync<KeyRewrapPage>(JsonSerializerOptions.Web))!;
                pages.Add(page);
                next = page.Next;
                Assert.True(pages.Count <= 3, "the pass ends");
            }

            Assert.All(pages, p => Assert.Equal(2, p.KeyEncryptionKeyVersion));
            Assert.All(pages, p => Assert.Empty(p.Failed));
            Assert.Equal([1, 1, 0], pages.Select(p => p.Tenants));
            // The pass moved the quiet ring's key itself; the busy one had moved already.
            Assert.Equal(1, pages.Sum(p => p.KeysRewrapped));
            Assert.NotEqual(ringsBefore[Quiet], StoredRows.Payloads(data, KeyRingStorage.StateName)[Quiet]);
            Assert.Equal([Busy, Quiet], pages.Take(2).Select(p => p.Next));
            foreach (var tenant in new[] { Busy, Quiet })
            {
                var status = await (await during.OperatorAsync(HttpMethod.Get, $"tenants/{tenant}/encryption")).Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal([2], status.GetProperty("wrappedBy").EnumerateArray().Select(v => v.GetInt32()));
                var audit = await during.Grains.GetGrain<IAuditLogGrain>(tenant).ReadAsync(1, 1000);
                Assert.Contains("from=1 to=2 keys=1", Assert.Single(audit, e => e.Record.Action == "encryption.kek-rewrapped").Record.Detail, StringComparison.Ordinal);
            }

            // A second pass has nothing left to move.
            var again = (await (await during.OperatorAsync(HttpMethod.Post, "encryption/rewrap")).Content.ReadFromJsonAsync<KeyRewrapPage>(JsonSerializerOptions.Web))!;
            Assert.Equal((2, 0, (string?)null), (again.Tenants, again.KeysRewrapped, again.Next));
        }

        // The earlier key removed: every conversation of both tenants still opens, the rings are not touched again.
        var ringsAfter = StoredRows.Payloads(data, KeyRingStorage.StateName);
        await using var after = await RunningSilo.StartOnPostgresAsync(data, onNewKey);
        foreach (var conversation in busyEvents.Concat(quietEvents).Select(e => GrainKeys.Compose(e.Tenant!, e.Conversation!)).Distinct())
        {
            var snapshot = await after.Grains.GetGrain<IConversationGrain>(conversation).GetSnapshotAsync(includeTranscript: true);
            Assert.NotEmpty(snapshot!.Transcript!);
        }

        Assert.Equal(ringsAfter, StoredRows.Payloads(data, KeyRingStorage.StateName));
    }
}
