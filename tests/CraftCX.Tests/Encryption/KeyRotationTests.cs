using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Audit;
using CraftCX.Conversations;
using CraftCX.Encryption;
using CraftCX.Events.Json;

namespace CraftCX.Tests.Encryption;

/// <summary>
/// Key rotation without downtime: new writes use the new version at once, a background re-encryption moves every
/// stored row while events keep flowing, nothing is lost, and rows stored before encryption was on move too.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class KeyRotationTests(PostgresServer postgres)
{
    private const string Tenant = "t-rotate";

    // No key cache: the re-encryption starts at once (it waits a cache lifetime for the other silos), and small
    // batches make it page.
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Encryption:KeyCacheTtl"] = "00:00:00",
        ["Encryption:ResealBatchSize"] = "3",
        ["Encryption:ResealConcurrency"] = "2",
    };

    [Fact]
    public async Task A_rotation_under_load_moves_every_row_to_the_new_version_and_loses_nothing()
    {
        var connectionString = await postgres.CreateDatabaseAsync("rotate");
        await using var silo = await RunningSilo.StartOnPostgresAsync(connectionString, Settings);
        var (events, _) = SealedWorkload.Build(Tenant, abcdConversations: 12, seed: 53);
        await SealedWorkload.IngestAsync(silo, Tenant, events);
        var conversations = events.Select(e => e.Conversation!).Distinct().ToList();
        Assert.All(StoredRows.KeyVersions(connectionString, SealedStates.Conversation), r => Assert.Equal(1, r.Version));

        // Load while the rotation runs: each round opens a conversation and writes to every one opened before.
        using var ingest = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "ingest"));
        using var stop = new CancellationTokenSource();
        var sent = new List<ChatEventDto>();
        var load = Task.Run(async () =>
        {
            for (var round = 0; !stop.IsCancellationRequested || round < 3; round++)
            {
                var batch = Enumerable.Range(0, round)
                    .Select(k => TestEvents.Message(Tenant, "rotation", $"load-{k}", round, "customer", "c-load", $"Round {round} for load-{k}", DateTimeOffset.UtcNow))
                    .Prepend(TestEvents.Of("conversation.started", Tenant, "rotation", $"load-{round}", 0, new ChatEventDataDto { Channel = "chat" }, DateTimeOffset.UtcNow))
                    .ToArray();
                await TestEvents.PostAsync(ingest, batch);
                sent.AddRange(batch);
                await Task.Delay(50);
            }
        });

        var rotated = await silo.OperatorAsync(HttpMethod.Post, $"tenants/{Tenant}/encryption/rotate");
        Assert.Equal(HttpStatusCode.Accepted, rotated.StatusCode);
        Assert.Equal(2, (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("currentVersion").GetInt32());

        // Asking again while it runs does not start a second one.
        var again = await (await silo.OperatorAsync(HttpMethod.Post, $"tenants/{Tenant}/encryption/rotate")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.InRange(again.GetProperty("currentVersion").GetInt32(), 2, 2);

        var rotation = await Eventually.ReturnsAsync(
            async () => (await silo.Grains.GetGrain<ITenantKeyRingGrain>(Tenant).GetStatusAsync()).Rotation,
            r => r?.FinishedAt is not null,
            TimeSpan.FromSeconds(60),
            "the re-encryption finished");
        await stop.CancelAsync();
        await load;
        await Eventually.ReturnsAsync(() => silo.Stats.Completed, c => c >= events.Count + sent.Count, TimeSpan.FromSeconds(60), "every event applied");

        // Afterwards no row uses the old version, and each conversation holds every message it was sent.
        Assert.True(rotation!.Resealed >= conversations.Count, $"resealed {rotation.Resealed}, expected at least {conversations.Count}");
        Assert.Equal(0, rotation.Failed);
        var versions = StoredRows.KeyVersions(connectionString, SealedStates.Conversation, SealedStates.Reviews);
        Assert.Equal(conversations.Count + sent.Count(e => e.Type == "conversation.started"), versions.Count);
        Assert.All(versions, r => Assert.Equal(2, r.Version));
        foreach (var conversation in conversations.Concat(sent.Select(e => e.Conversation!).Distinct()))
        {
            var snapshot = await silo.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose(Tenant, conversation)).GetSnapshotAsync(includeTranscript: false);
            var expected = events.Concat(sent).Count(e => e.Conversation == conversation && e.Type == "message.created");
            Assert.Equal(expected, snapshot!.Messages);
        }

        var audit = await silo.Grains.GetGrain<IAuditLogGrain>(Tenant).ReadAsync(1, 1000);
        Assert.Contains(audit, e => e.Record.Action == "encryption.key-rotated" && e.Record.Detail == "version=2");
        Assert.Contains(audit, e => e.Record.Action == "encryption.rows-resealed" && e.Record.Detail!.StartsWith("version=2 rows=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rows_stored_in_the_clear_before_encryption_was_on_are_read_and_then_sealed()
    {
        var connectionString = await postgres.CreateDatabaseAsync("legacy");
        var (events, needles) = SealedWorkload.Build(Tenant, abcdConversations: 3, seed: 59);
        await using (var plain = await RunningSilo.StartOnPostgresAsync(connectionString, new Dictionary<string, string?>(Settings) { ["Encryption:Enabled"] = "false" }))
        {
            await SealedWorkload.IngestAsync(plain, Tenant, events);
        }

        // The same raw search that finds nothing in sealed rows finds the clear ones.
        Assert.DoesNotContain(needles, n => StoredRows.HoldingRaw(connectionString, n).Count == 0);
        Assert.All(StoredRows.KeyVersions(connectionString, SealedStates.Conversation), r => Assert.Equal(0, r.Version));

        await using var silo = await RunningSilo.StartOnPostgresAsync(connectionString, Settings);
        var sentence = SgdWorkload.Load()[0].Turns.Last(t => t[0] == "user")[1];
        var snapshot = await silo.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose(Tenant, "sgd-1")).GetSnapshotAsync(includeTranscript: true);
        Assert.Contains(snapshot!.Transcript!, m => m.Text == sentence);

        Assert.Equal(HttpStatusCode.Accepted, (await silo.OperatorAsync(HttpMethod.Post, $"tenants/{Tenant}/encryption/rotate")).StatusCode);
        await Eventually.ReturnsAsync(
            async () => (await silo.Grains.GetGrain<ITenantKeyRingGrain>(Tenant).GetStatusAsync()).Rotation,
            r => r?.FinishedAt is not null,
            TimeSpan.FromSeconds(60),
            "the re-encryption finished");
        Assert.Empty(needles.SelectMany(n => StoredRows.HoldingRaw(connectionString, n).Select(row => $"{row} holds '{n}'")));
        Assert.DoesNotContain(needles, n => StoredRows.Holding(connectionString, n).Count == 0);
        var current = (await silo.Grains.GetGrain<ITenantKeyRingGrain>(Tenant).GetStatusAsync()).CurrentVersion;
        Assert.All(StoredRows.KeyVersions(connectionString, SealedStates.Conversation), r => Assert.Equal(current, r.Version));
    }
}
