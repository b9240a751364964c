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

    // A short key cache: the re-encryption starts a cache lifetime after the rotation (when every silo has the new
    // version), and small batches make it page.
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Encryption:KeyCacheTtl"] = "00:00:01",
        ["Encryption:ResealBatchSize"] = "3",
        ["Encryption:ResealConcurrency"] = "2",
    };

    [Fact]
    public async Task A_rotation_under_load_moves_every_row_to_the_new_version_and_loses_nothing()
    {
        var connectionString = await postgres.CreateDatabaseAsync("rotate");
        await using var silo = await RunningSilo.StartOnPostgresAsync(connectionString, Settings);
        // The conversations stay open, so that the load below writes to the very rows being re-encrypted.
        var (events, _) = SealedWorkload.Build(Tenant, abcdConversations: 12, seed: 53);
        events.RemoveAll(e => e.Type == "conversation.closed");
        await SealedWorkload.IngestAsync(silo, Tenant, events);
        var conversations = events.Select(e => e.Conversation!).Distinct().ToList();
        var workspaces = events.Where(e => e.Type == "conversation.started").ToDictionary(e => e.Conversation!, e => e.Workspace!);
        Assert.All(StoredRows.KeyVersions(connectionString, SealedStates.Conversation), r => Assert.Equal(1, r.Version));

        // Load while the rotation runs: every round writes to half of the old conversations (which their own writes
        // move to the new version) and opens a new one; the other half is left to the re-encryption.
        var written = conversations.Where((_, i) => i % 2 == 0).ToList();
        var untouched = conversations.Except(written).ToList();
        using var ingest = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "ingest"));
        using var stop = new CancellationTokenSource();
        var sent = new List<ChatEventDto>();
        var postedAt = new List<DateTimeOffset>();
        var load = Task.Run(async () =>
        {
            for (var round = 0; !stop.IsCancellationRequested || round < 3; round++)
            {
                var batch = written
                    .Select(c => TestEvents.Message(Tenant, workspaces[c], c, 1000 + round, "customer", "c-load", $"Round {round} for {c}", DateTimeOffset.UtcNow))
                    .Append(TestEvents.Of("conversation.started", Tenant, "rotation", $"load-{round}", 0, new ChatEventDataDto { Channel = "chat" }, DateTimeOffset.UtcNow))
                    .ToArray();
                await TestEvents.PostAsync(ingest, batch);
                sent.AddRange(batch);
                postedAt.Add(DateTimeOffset.UtcNow);
                await Task.Delay(10);
            }
        });

        var rotated = await silo.OperatorAsync(HttpMethod.Post, $"tenants/{Tenant}/encryption/rotate");
        Assert.Equal(HttpStatusCode.Accepted, rotated.StatusCode);
        Assert.Equal(2, (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("currentVersion").GetInt32());

        // Asking again while it runs (it waits a cache lifetime, 1 s, before it starts) does not start a second one.
        var again = await (await silo.OperatorAsync(HttpMethod.Post, $"tenants/{Tenant}/encryption/rotate")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, again.GetProperty("currentVersion").GetInt32());
        Assert.Equal(JsonValueKind.Null, again.GetProperty("rotation").GetProperty("finishedAt").ValueKind);

        var rotation = await Eventually.ReturnsAsync(
            async () => (await silo.Grains.GetGrain<ITenantKeyRingGrain>(Tenant).GetStatusAsync()).Rotation,
            r => r?.FinishedAt is not null,
            TimeSpan.FromSeconds(60),
            "the re-encryption finished");
        await stop.CancelAsync();
        await load;
        await Eventually.ReturnsAsync(() => silo.Stats.Completed, c => c >= events.Count + sent.Count, TimeSpan.FromSeconds(60), "every event applied");

        // The load really overlapped the re-encryption; afterwards no row uses the old version, and each
        // conversation holds every message it was sent.
        Assert.True(postedAt.Any(t => t >= rotation!.StartedAt && t <= rotation.FinishedAt), $"no event was posted while the rotation ran: {rotation!.StartedAt:O}..{rotation.FinishedAt:O}, posts {string.Join(' ', postedAt.Select(t => t.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.True(rotation!.Resealed >= untouched.Count, $"resealed {rotation.Resealed}, expected at least the {untouched.Count} conversations no event touched");
        Assert.Equal(0, rotation.Failed);
        var versions = StoredRows.KeyVersions(connectionString, SealedStates.Conversation, SealedStates.Reviews);
        Assert.Equal(conversations.Count + sent.Count(e => e.Type == "conversation.started"), versions.Count);
        Assert.All(versions, r => Assert.Equal(2, r.Version));
        foreach (var conversation in conversations.Concat(sent.Select(e => e.Conversation!)).Distinct())
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
    public async Task A_re_encryption_cut_by_a_restart_is_finished_by_the_next_silo()
    {
        var connectionString = await postgres.CreateDatabaseAsync("reseal-restart");
        var (events, _) = SealedWorkload.Build(Tenant, abcdConversations: 4, seed: 67);

        // The re-encryption waits a cache lifetime (here 30 s) before it starts: the silo stops before that.
        var slow = new Dictionary<string, string?>(Settings) { ["Encryption:KeyCacheTtl"] = "00:00:30" };
        await using (var first = await RunningSilo.StartOnPostgresAsync(connectionString, slow))
        {
            await SealedWorkload.IngestAsync(first, Tenant, events);
            Assert.Equal(HttpStatusCode.Accepted, (await first.OperatorAsync(HttpMethod.Post, $"tenants/{Tenant}/encryption/rotate")).StatusCode);
        }

        Assert.All(StoredRows.KeyVersions(connectionString, SealedStates.Conversation), r => Assert.Equal(1, r.Version));

        // The next silo finds the rotation unfinished when the key ring activates, and finishes it.
        await using var next = await RunningSilo.StartOnPostgresAsync(connectionString, Settings);
        var rotation = await Eventually.ReturnsAsync(
            async () => (await next.Grains.GetGrain<ITenantKeyRingGrain>(Tenant).GetStatusAsync()).Rotation,
            r => r?.FinishedAt is not null,
            TimeSpan.FromSeconds(60),
            "the re-encryption finished after the restart");
        Assert.Equal(2, rotation!.ToVersion);
        Assert.Equal(0, rotation.Failed);
        Assert.All(StoredRows.KeyVersions(connectionString, SealedStates.Conversation), r => Assert.Equal(2, r.Version));
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

        // The same raw and dump searches that find nothing in sealed rows find the clear ones.
        Assert.DoesNotContain(needles, n => StoredRows.HoldingRaw(connectionString, n).Count == 0);
        var clearDump = await postgres.DumpAsync(connectionString);
        Assert.DoesNotContain(needles, n => !clearDump.Contains(Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(n)), StringComparison.Ordinal));
        Assert.All(StoredRows.KeyVersions(connectionString, SealedStates.Conversation), r => Assert.Equal(0, r.Version));

        // Sealing on, clear rows refused by default; accepted for the migration.
        await using (var strict = await RunningSilo.StartOnPostgresAsync(connectionString, Settings))
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => strict.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose(Tenant, "sgd-1")).GetSnapshotAsync(includeTranscript: true));
            Assert.Contains("Encryption:AcceptClearRows", refused.ToString(), StringComparison.Ordinal);
        }

        await using var silo = await RunningSilo.StartOnPostgresAsync(connectionString, new Dictionary<string, string?>(Settings) { ["Encryption:AcceptClearRows"] = "true" });
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
        var sealedDump = await postgres.DumpAsync(connectionString);
        Assert.DoesNotContain(needles, n => sealedDump.Contains(Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(n)), StringComparison.Ordinal));
        var current = (await silo.Grains.GetGrain<ITenantKeyRingGrain>(Tenant).GetStatusAsync()).CurrentVersion;
        Assert.All(StoredRows.KeyVersions(connectionString, SealedStates.Conversation), r => Assert.Equal(current, r.Version));
    }
}
