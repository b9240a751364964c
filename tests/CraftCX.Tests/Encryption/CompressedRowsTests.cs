using CraftCX.Conversations;
using CraftCX.Encryption;

namespace CraftCX.Tests.Encryption;

/// <summary>
/// States are compressed before they are sealed (a sealed row does not compress in PostgreSQL), and rows sealed as
/// they were, by a silo with compression off or a build before it, still open and move to the compressed form.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CompressedRowsTests(PostgresServer postgres)
{
    private const string Tenant = "t-zipped";
    private const string Plain = "43585331"; // "CXS1"
    private const string Compressed = "43585A31"; // "CXZ1"

    [Fact]
    public async Task Rows_sealed_as_they_are_still_open_and_new_writes_are_compressed_and_smaller()
    {
        var connectionString = await postgres.CreateDatabaseAsync("zipped");
        var (events, needles) = SealedWorkload.Build(Tenant, abcdConversations: 2, seed: 61);
        await using (var uncompressed = await RunningSilo.StartOnPostgresAsync(connectionString, new Dictionary<string, string?> { ["Encryption:CompressBeforeSealing"] = "false" }))
        {
            await SealedWorkload.IngestAsync(uncompressed, Tenant, events);
        }

        var before = StoredRows.Payloads(connectionString, SealedStates.Conversation);
        Assert.True(before.Count >= 4, $"{before.Count} conversation rows");
        Assert.All(before.Values, hex => Assert.StartsWith(Plain, hex, StringComparison.Ordinal));

        await using var silo = await RunningSilo.StartOnPostgresAsync(connectionString);
        foreach (var conversation in events.Select(e => e.Conversation!).Distinct())
        {
            var snapshot = await silo.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose(Tenant, conversation)).GetSnapshotAsync(includeTranscript: true);
            Assert.NotEmpty(snapshot!.Transcript!);
        }

        // One more message: the row is written again, compressed, and smaller than before although it holds more.
        var last = events.Where(e => e.Conversation == "sgd-1").Max(e => e.Sequence ?? 0);
        using var ingest = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "ingest"));
        await TestEvents.PostAsync(ingest, TestEvents.Message(Tenant, "bots", "sgd-1", last + 1, "customer", "sgd-cust-1", "One more thing: please send the receipt to my work address."));
        await Eventually.ReturnsAsync(() => silo.Stats.Completed, c => c >= 1, TimeSpan.FromSeconds(30), "the new message applied");
        var after = await Eventually.ReturnsAsync(
            () => StoredRows.Payloads(connectionString, SealedStates.Conversation),
            rows => rows.Single(r => r.Key.EndsWith("/sgd-1", StringComparison.Ordinal)).Value.StartsWith(Compressed, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the written row compressed");
        var key = after.Keys.Single(k => k.EndsWith("/sgd-1", StringComparison.Ordinal));
        Assert.True(after[key].Length < before[key].Length * 3 / 4, $"compressed {after[key].Length / 2} B against {before[key].Length / 2} B sealed as it was");

        // Both forms open to the data, and neither holds it in the clear.
        needles.Add("please send the receipt to my work address");
        Assert.DoesNotContain(needles, n => StoredRows.Holding(connectionString, n).Count == 0);
        Assert.Empty(needles.SelectMany(n => StoredRows.HoldingRaw(connectionString, n).Select(row => $"{row} holds '{n}'")));
    }
}
