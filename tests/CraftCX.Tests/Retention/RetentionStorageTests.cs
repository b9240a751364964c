using System.Net;
using System.Net.Http.Json;
using CraftCX.Conversations;
using CraftCX.Events.Json;
using CraftCX.Privacy;
using CraftCX.Tenants;

namespace CraftCX.Tests.Retention;

/// <summary>
/// Retention proven on the raw PostgreSQL rows: after a purge no stored payload holds an end user's email, name,
/// phone or a sentence they wrote, while the scores remain; once derived data expires the conversations' rows go.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RetentionStorageTests(PostgresServer postgres)
{
    private const string Tenant = "t-retain";

    [Fact]
    public async Task A_purge_leaves_no_identifier_or_sentence_in_any_row_and_a_deletion_leaves_no_row()
    {
        var connectionString = await postgres.CreateDatabaseAsync("retention");
        // No tombstone phase here (RetentionSweepTests has it): a deletion removes the rows at once.
        await using var silo = await RunningSilo.StartOnPostgresAsync(connectionString, new Dictionary<string, string?> { ["Retention:ReplayWindow"] = "00:00:00" });
        var events = TestWorkload.Build(Tenant, conversations: 4, seed: 17);
        using var ingest = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "ingest"));
        foreach (var chunk in events.Chunk(200))
        {
            await TestEvents.PostAsync(ingest, chunk);
        }

        await Eventually.ReturnsAsync(() => silo.Stats.Completed, c => c >= events.Count, TimeSpan.FromSeconds(60), "all events applied");
        var conversations = events.Select(e => e.Conversation!).Distinct().ToList();
        var needles = PersonalDataNeedles.Of(events);

        // A reviewer's comment quoting the customer is personal data too.
        var quote = $"Customer wrote from {events.First(e => e.Data?.Customer?.Email is not null).Data!.Customer!.Email} twice";
        using var supervisor = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "supervise", "read"));
        var review = await supervisor.PostAsJsonAsync(
            $"/v1/tenants/{Tenant}/conversations/{conversations[0]}/reviews",
            new { reviewerId = "rita", scores = new[] { new { criterionId = "greeting", score = 75, comment = quote } }, comment = quote });
        Assert.Equal(HttpStatusCode.Created, review.StatusCode);
        needles.Add(quote);
        Assert.True(needles.Count >= 8, $"the workload should carry identifiers and customer sentences, found {needles.Count}");
        Assert.DoesNotContain(needles, n => StoredRows.Holding(connectionString, n).Count == 0);

        using var admin = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "admin"));
        var refused = await admin.PutAsJsonAsync($"/v1/tenants/{Tenant}/settings/retention", new { transcriptDays = 30, derivedDays = 7 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var stored = await admin.PutAsJsonAsync($"/v1/tenants/{Tenant}/settings/retention", new { transcriptDays = 0 });
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var policy = await silo.Grains.GetGrain<ITenantGrain>(Tenant).GetRetentionPolicyAsync();
        Assert.Equal(new RetentionPolicy(TranscriptDays: 0), policy);

        // One conversation under a legal hold keeps its row's personal data through the purge.
        var held = conversations.Last(c => events.Any(e => e.Conversation == c && e.Data?.Customer?.Email is not null));
        var heldRow = $"conversation/{Tenant}/{held}";
        var heldEmail = events.First(e => e.Conversation == held && e.Data?.Customer?.Email is not null).Data!.Customer!.Email!;
        Assert.True(await Conversation(silo, held).SetLegalHoldAsync(new LegalHold(DateTimeOffset.UtcNow, "case 7")));
        Assert.Equal(RetentionOutcome.Held, await Conversation(silo, held).ApplyRetentionAsync(policy));
        foreach (var conversation in conversations.Where(c => c != held))
        {
            Assert.Equal(RetentionOutcome.PersonalDataPurged, await Conversation(silo, conversation).ApplyRetentionAsync(policy));
            Assert.Equal(RetentionOutcome.Kept, await Conversation(silo, conversation).ApplyRetentionAsync(policy));
        }

        Assert.Contains(heldRow, StoredRows.Holding(connectionString, heldEmail));
        Assert.Empty(needles.SelectMany(n => StoredRows.Holding(connectionString, n).Where(row => row != heldRow).Select(row => $"{row} holds '{n}'")));

        // Lifted, the held one is purged too.
        Assert.True(await Conversation(silo, held).SetLegalHoldAsync(null));
        Assert.Equal(RetentionOutcome.PersonalDataPurged, await Conversation(silo, held).ApplyRetentionAsync(policy));
        Assert.Empty(needles.SelectMany(n => StoredRows.Holding(connectionString, n).Select(row => $"{row} holds '{n}'")));

        // A review written after the purge keeps its scores but no comment: the conversation keeps no free text now.
        var late = await supervisor.PostAsJsonAsync(
            $"/v1/tenants/{Tenant}/conversations/{conversations[0]}/reviews",
            new { reviewerId = "sam", scores = new[] { new { criterionId = "greeting", score = 60, comment = quote } }, comment = quote });
        Assert.Equal(HttpStatusCode.Created, late.StatusCode);
        Assert.Empty(StoredRows.Holding(connectionString, quote));
        foreach (var conversation in conversations)
        {
            var snapshot = await Conversation(silo, conversation).GetSnapshotAsync(includeTranscript: true);
            Assert.NotNull(snapshot?.Score.Overall);
            Assert.Empty(snapshot.Transcript ?? []);
        }

        Assert.Equal(conversations.Count, StoredRows.Count(connectionString, "conversation"));
        Assert.Equal(1, StoredRows.Count(connectionString, "reviews"));
        var workspace = events.First(e => e.Conversation == conversations[0]).Workspace!;
        var calibration = silo.Grains.GetGrain<CraftCX.Calibration.ICalibrationGrain>(GrainKeys.Compose(Tenant, workspace));
        Assert.Equal(1, (await calibration.GetAsync()).ReviewedConversations);
        var reviewed = await supervisor.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/tenants/{Tenant}/conversations/{conversations[0]}/reviews");
        Assert.Equal(75, reviewed.GetProperty("reviews")[0].GetProperty("scores")[0].GetProperty("score").GetInt32());
        var expired = new RetentionPolicy(TranscriptDays: 0, DerivedDays: 0);
        foreach (var conversation in conversations)
        {
            Assert.Equal(RetentionOutcome.Deleted, await Conversation(silo, conversation).ApplyRetentionAsync(expired));
        }

        Assert.Equal(0, StoredRows.Count(connectionString, "conversation"));
        Assert.Equal(0, StoredRows.Count(connectionString, "reviews"));
        Assert.Equal(0, (await calibration.GetAsync()).ReviewedConversations);
        Assert.Null(await Conversation(silo, conversations[0]).GetSnapshotAsync(includeTranscript: false));

        // The tenant-wide aggregate keeps its de-identified count.
        using var reader = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "read"));
        var tenant = await reader.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/tenants/{Tenant}");
        Assert.Equal(conversations.Count, tenant.GetProperty("windows")[2].GetProperty("conversations").GetInt32());
    }

    private static IConversationGrain Conversation(RunningSilo silo, string conversation) =>
        silo.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose(Tenant, conversation));
}
