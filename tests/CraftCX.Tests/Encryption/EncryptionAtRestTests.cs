using System.Net;
using System.Net.Http.Json;
using System.Text;
using Confluent.Kafka;
using CraftCX.Conversations;
using CraftCX.Encryption;
using CraftCX.Events;
using CraftCX.Silo.Hosting;
using CraftCX.Silo.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CraftCX.Tests.Encryption;

/// <summary>
/// Encryption at rest proven on the raw PostgreSQL rows and a pg_dump: personal data is sealed with the tenant's
/// data key, a changed byte is refused, and a silo with a missing or wrong key-encryption key does not start.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class EncryptionAtRestTests(PostgresServer postgres)
{
    private const string Tenant = "t-sealed";

    [Fact]
    public async Task No_row_or_dump_holds_personal_data_in_the_clear_while_the_api_returns_it()
    {
        var connectionString = await postgres.CreateDatabaseAsync("sealed");
        await using var silo = await RunningSilo.StartOnPostgresAsync(connectionString);
        var (events, needles) = SealedWorkload.Build(Tenant, abcdConversations: 4, seed: 31);
        await SealedWorkload.IngestAsync(silo, Tenant, events);

        // A reviewer's comment quoting the customer is sealed too.
        var email = events.First(e => e.Data?.Customer?.Email is not null).Data!.Customer!.Email!;
        var quote = $"Customer wrote from {email} twice";
        await SealedWorkload.ReviewAsync(silo, Tenant, "sgd-1", quote, score: 75);
        needles.Add(quote);
        Assert.True(needles.Count >= 12, $"the workload should carry identifiers and customer sentences, found {needles.Count}");

        // Stored (the rows open to the tenant's key), but not in the clear: not in any row, not in a dump.
        Assert.DoesNotContain(needles, n => StoredRows.Holding(connectionString, n).Count == 0);
        Assert.Empty(needles.SelectMany(n => StoredRows.HoldingRaw(connectionString, n).Select(row => $"{row} holds '{n}'")));
        var dump = await postgres.DumpAsync(connectionString);
        Assert.All(needles, n =>
        {
            Assert.DoesNotContain(n, dump, StringComparison.Ordinal);
            Assert.DoesNotContain(Hex(n), dump, StringComparison.Ordinal);
        });

        // Every conversation and review row is sealed with the first key version; the aggregates stay readable.
        var sealedRows = StoredRows.KeyVersions(connectionString, SealedStates.Conversation, SealedStates.Reviews);
        Assert.Equal(events.Select(e => e.Conversation).Distinct().Count() + 1, sealedRows.Count);
        Assert.All(sealedRows, row => Assert.Equal(1, row.Version));
        var aggregates = StoredRows.KeyVersions(connectionString, "workspace", "agent");
        Assert.NotEmpty(aggregates);
        Assert.All(aggregates, row => Assert.Equal(0, row.Version));

        // The API opens them for a key with the right scope, and only for it.
        var sentence = SgdWorkload.Load()[0].Turns.Last(t => t[0] == "user")[1];
        using var reader = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "read", "transcripts"));
        Assert.Contains(sentence, JsonStrings.Of(await reader.GetStringAsync($"/v1/tenants/{Tenant}/conversations/sgd-1?transcript=true")));
        using var scoresOnly = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "read"));
        Assert.Equal(HttpStatusCode.Forbidden, (await scoresOnly.GetAsync($"/v1/tenants/{Tenant}/conversations/sgd-1?transcript=true")).StatusCode);
        using var privacy = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "privacy"));
        var export = await privacy.PostAsJsonAsync($"/v1/tenants/{Tenant}/privacy/end-users/export", new { email = "ines.okafor@example.net" });
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains("+44 7700 900123", JsonStrings.Of(await export.Content.ReadAsStringAsync()));

        // The data keys were fetched and unwrapped once for all those writes and reads, not per event.
        Assert.Equal(1, silo.App.Services.GetRequiredService<TenantDataKeys>().Loads);

        // An invalid event in the topic keyed to an existing tenant is dead-lettered sealed; one keyed to no tenant
        // there is has no key to be sealed with and is kept as it came.
        var kafka = silo.App.Services.GetRequiredService<IOptions<KafkaOptions>>().Value;
        using (var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = silo.App.Services.GetRequiredService<KafkaBootstrap>().BootstrapServers }).Build())
        {
            await producer.ProduceAsync(kafka.Topic, new Message<byte[]?, byte[]> { Key = "t-sealed/c-broken"u8.ToArray(), Value = "{\"text\": \"mail ines.okafor@example.net\""u8.ToArray() });
            await producer.ProduceAsync(kafka.Topic, new Message<byte[]?, byte[]> { Key = "t-nobody/c-broken"u8.ToArray(), Value = "{\"text\": \"mail someone@example.com\""u8.ToArray() });
        }

        var letters = silo.ReadDeadLetters(2, TimeSpan.FromSeconds(30));
        Assert.Equal(2, letters.Count);
        var ofTenant = Assert.Single(letters, l => Encoding.UTF8.GetString(l.Message.Key!) == "t-sealed/c-broken");
        Assert.Equal(Tenant, DeadLetterReader.Header(ofTenant, DeadLetterSealing.SealedForHeader));
        Assert.True(ofTenant.Message.Value.AsSpan().IndexOf("ines.okafor"u8) < 0, "the dead letter's value is sealed");
        var ofNobody = Assert.Single(letters, l => Encoding.UTF8.GetString(l.Message.Key!) == "t-nobody/c-broken");
        Assert.Equal(string.Empty, DeadLetterReader.Header(ofNobody, DeadLetterSealing.SealedForHeader));
        Assert.Contains("someone@example.com", Encoding.UTF8.GetString(ofNobody.Message.Value), StringComparison.Ordinal);
        var opened = await silo.Http.SendAsync(OpenRequest(Tenant, ofTenant.Message.Value));
        Assert.Equal("{\"text\": \"mail ines.okafor@example.net\"", Encoding.UTF8.GetString(await opened.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_flipped_byte_is_detected_and_the_conversation_refuses_to_activate_while_the_others_go_on()
    {
        var connectionString = await postgres.CreateDatabaseAsync("tamper");
        var (events, _) = SealedWorkload.Build(Tenant, abcdConversations: 2, seed: 5);
        await using (var first = await RunningSilo.StartOnPostgresAsync(connectionString))
        {
            await SealedWorkload.IngestAsync(first, Tenant, events);
        }

        // One byte of the ciphertext (after magic, marker, version, salt, nonce and tag: 53 bytes) of one row, the
        // top bit of the key version of another, and a third row replaced by a copy of a fourth's.
        var abcd = events.Where(e => e.Type == "conversation.started" && !e.Conversation!.StartsWith("sgd-", StringComparison.Ordinal)).Select(e => GrainKeys.Compose(Tenant, e.Conversation!)).ToList();
        var tampered = GrainKeys.Compose(Tenant, "sgd-1");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            async Task ChangeAsync(string sql, string key)
            {
                await using var change = new NpgsqlCommand(sql, connection);
                change.Parameters.AddWithValue("key", key);
                change.Parameters.AddWithValue("other", GrainKeys.Compose(Tenant, "sgd-2"));
                Assert.Equal(1, await change.ExecuteNonQueryAsync());
            }

            await ChangeAsync("UPDATE orleansstorage SET payloadbinary = set_byte(payloadbinary, 60, get_byte(payloadbinary, 60) # 1) WHERE graintypestring = 'conversation' AND grainidextensionstring = @key", tampered);
            await ChangeAsync("UPDATE orleansstorage SET payloadbinary = set_byte(payloadbinary, 5, get_byte(payloadbinary, 5) # 128) WHERE graintypestring = 'conversation' AND grainidextensionstring = @key", abcd[0]);
            await ChangeAsync("UPDATE orleansstorage SET payloadbinary = (SELECT payloadbinary FROM orleansstorage WHERE graintypestring = 'conversation' AND grainidextensionstring = @other) WHERE graintypestring = 'conversation' AND grainidextensionstring = @key", abcd[1]);
        }

        await using var silo = await RunningSilo.StartOnPostgresAsync(connectionString);
        foreach (var key in new[] { tampered, abcd[0], abcd[1] })
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => silo.Grains.GetGrain<IConversationGrain>(key).GetSnapshotAsync(includeTranscript: true));
            Assert.Contains("failed its integrity check", failure.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("Key destroyed", failure.ToString(), StringComparison.Ordinal);
        }

        // The API says what is wrong, without the row; the other conversations are served as before.
        using var reader = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "read", "transcripts"));
        var refused = await reader.GetAsync($"/v1/tenants/{Tenant}/conversations/sgd-1?transcript=true");
        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Contains("integrity check", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/tenants/{Tenant}/conversations/sgd-2?transcript=true")).StatusCode);

        // New events for them are dead-lettered with the reason (kept for a replay once the rows are restored)
        // instead of stopping their partition; the others still apply.
        var before = silo.Stats.Completed;
        var discarded = silo.Stats.Discarded;
        var late = TestEvents.Message(Tenant, "bots", "sgd-1", 500, "customer", "sgd-cust-1", "Are you still there?", DateTimeOffset.UtcNow);
        var headerChanged = TestEvents.Message(Tenant, events.First(e => GrainKeys.Compose(Tenant, e.Conversation!) == abcd[0]).Workspace!, GrainKeys.Split(abcd[0]).Id, 500, "customer", null, "Hello again?", DateTimeOffset.UtcNow);
        var other = TestEvents.Message(Tenant, "bots", "sgd-2", 500, "customer", "sgd-cust-2", "Thanks, that helped.", DateTimeOffset.UtcNow);
        using var ingest = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "ingest"));
        await TestEvents.PostAsync(ingest, [late, headerChanged, other]);
        await Eventually.ReturnsAsync(() => silo.Stats.Completed, c => c >= before + 3, TimeSpan.FromSeconds(30), "the three events completed");
        Assert.Equal(discarded, silo.Stats.Discarded);
        var snapshot = await silo.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose(Tenant, "sgd-2")).GetSnapshotAsync(includeTranscript: true);
        Assert.Contains(snapshot!.Transcript!, m => m.Text == "Thanks, that helped.");

        // The dead letters hold the events sealed with the tenant's key; only the operator route opens them.
        var letters = silo.ReadDeadLetters(2, TimeSpan.FromSeconds(30));
        Assert.Equal(2, letters.Count);
        Assert.All(letters, l => Assert.Equal(RejectionCodes.StoredStateUnreadable, DeadLetterReader.Header(l, "craftcx-dlq-reason")));
        Assert.All(letters, l => Assert.Equal(Tenant, DeadLetterReader.Header(l, DeadLetterSealing.SealedForHeader)));
        var letter = Assert.Single(letters, l => DeadLetterReader.Header(l, "craftcx-dlq-detail").Contains("sgd-1", StringComparison.Ordinal));
        Assert.True(letter.Message.Value.AsSpan().IndexOf("Are you still there?"u8) < 0, "the dead letter's value is sealed");
        var opened = await silo.Http.SendAsync(OpenRequest(Tenant, letter.Message.Value));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("Are you still there?", Encoding.UTF8.GetString(await opened.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Http.SendAsync(OpenRequest("t-nobody", letter.Message.Value))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await silo.OperatorAsync(HttpMethod.Post, "tenants/t-other")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await silo.Http.SendAsync(OpenRequest("t-other", letter.Message.Value))).StatusCode);
        var flipped = letter.Message.Value.ToArray();
        flipped[^1] ^= 1;
        Assert.Equal(HttpStatusCode.BadRequest, (await silo.Http.SendAsync(OpenRequest(Tenant, flipped))).StatusCode);
    }

    private static HttpRequestMessage OpenRequest(string tenant, byte[] value)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/tenants/{tenant}/dead-letters/open") { Content = new ByteArrayContent(value) };
        request.Headers.Add("X-Operator-Key", RunningSilo.OperatorKey);
        return request;
    }

    [Fact]
    public async Task A_missing_or_wrong_key_encryption_key_stops_the_start_naming_the_setting()
    {
        var connectionString = await postgres.CreateDatabaseAsync("kek");
        var missing = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningSilo.StartOnPostgresAsync(connectionString, new Dictionary<string, string?> { ["Encryption:KeyEncryptionKey"] = "" }));
        Assert.True(SettingsFailures.TryDescribe(missing, out var failures));
        Assert.Contains(failures, f => f.Contains("Encryption:KeyEncryptionKey", StringComparison.Ordinal));
        var short16 = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningSilo.StartOnPostgresAsync(connectionString, new Dictionary<string, string?> { ["Encryption:KeyEncryptionKey"] = Convert.ToBase64String(new byte[16]) }));
        Assert.Contains("Encryption:KeyEncryptionKey must hold 32 bytes, not 16", short16.Message, StringComparison.Ordinal);

        // The first silo stores a check value with its key; a silo with another key stops before it serves.
        await using (var first = await RunningSilo.StartOnPostgresAsync(connectionString))
        {
            await SealedWorkload.IngestAsync(first, Tenant, SealedWorkload.Build(Tenant, abcdConversations: 1, seed: 3).Events);
        }

        var rings = StoredRows.Payloads(connectionString, "data-keys");
        Assert.Single(rings);
        var other = Convert.ToBase64String(Encoding.ASCII.GetBytes("another-key-encryption-key-32-by"));
        var wrong = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningSilo.StartOnPostgresAsync(connectionString, new Dictionary<string, string?> { ["Encryption:KeyEncryptionKey"] = other }));
        Assert.True(SettingsFailures.TryDescribe(wrong, out var wrongFailures));
        Assert.Contains(wrongFailures, f => f.StartsWith("Encryption:KeyEncryptionKey", StringComparison.Ordinal) && f.Contains("not the key-encryption key", StringComparison.Ordinal));
        Assert.Equal(rings, StoredRows.Payloads(connectionString, "data-keys"));

        // The right key still opens everything.
        await using var again = await RunningSilo.StartOnPostgresAsync(connectionString);
        Assert.NotNull(await again.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose(Tenant, "sgd-1")).GetSnapshotAsync(includeTranscript: true));
    }

    private static string Hex(string text) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text));
}
