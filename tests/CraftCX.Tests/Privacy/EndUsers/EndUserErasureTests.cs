using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Events.Json;
using CraftCX.Security;

namespace CraftCX.Tests.Privacy.EndUsers;

/// <summary>
/// An end user's requests on PostgreSQL, proven on the raw rows: found in every conversation however the helpdesk
/// wrote their identifiers, exported whole, erased from every row (reviews included) while everyone else's data
/// stays, verified gone, and not brought back by a replay of the topic.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class EndUserErasureTests(PostgresServer postgres)
{
    private const string Tenant = "t-erase";
    private const string Base = $"/v1/tenants/{Tenant}/privacy/end-users";

    [Fact]
    public async Task An_end_user_is_found_exported_erased_from_every_row_and_verified_gone()
    {
        var connectionString = await postgres.CreateDatabaseAsync("erasure");
        await using var silo = await RunningSilo.StartOnPostgresAsync(connectionString);

        // Person A opens two conversations; the helpdesk writes their email and phone differently the second time.
        var events = TestWorkload.Build(Tenant, conversations: 6, seed: 23);
        var started = events.Where(e => e.Type == "conversation.started").ToList();
        static bool Complete(CustomerDto? c) => c is { Id: not null, Email: not null, Phone: not null, Name: not null };
        var first = started.FindIndex(s => Complete(s.Data?.Customer));
        var a = started[first].Data!.Customer!;
        started[first == 0 ? 1 : 0].Data!.Customer = new CustomerDto { Id = a.Id, Email = a.Email!.ToUpperInvariant(), Phone = "+1 " + a.Phone, Name = a.Name };
        bool IsA(ChatEventDto s) => string.Equals(s.Data?.Customer?.Email, a.Email, StringComparison.OrdinalIgnoreCase);
        var ofA = started.Where(IsA).Select(s => s.Conversation!).Order(StringComparer.Ordinal).ToList();
        var b = started.First(s => !IsA(s) && Complete(s.Data?.Customer)).Data!.Customer!;

        // And each talks to a bot once (SGD dialogues): A about banking, B about something else.
        var dialogues = SgdWorkload.Load();
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        events.AddRange(SgdWorkload.Conversation(Tenant, "bots", "bot-a", dialogues[0], a, at));
        events.AddRange(SgdWorkload.Conversation(Tenant, "bots", "bot-b", dialogues[1], b, at));
        ofA = [.. ofA, "bot-a"];
        ofA.Sort(StringComparer.Ordinal);
        Assert.True(ofA.Count >= 3);

        using var ingest = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, ApiScopes.Ingest));
        foreach (var chunk in events.Chunk(200))
        {
            await TestEvents.PostAsync(ingest, chunk);
        }

        await Eventually.ReturnsAsync(() => silo.Stats.Completed, c => c >= events.Count, TimeSpan.FromSeconds(60), "all events applied");

        using var privacy = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, ApiScopes.Privacy));
        using var reader = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, ApiScopes.Read, ApiScopes.Transcripts));
        using var stranger = silo.ClientWithKey(await silo.CreateKeyAsync("t-other", ApiScopes.Privacy));

        // Found by any identifier, in any case or punctuation.
        var digits = new string(a.Phone!.Where(char.IsAsciiDigit).ToArray())[^10..];
        foreach (var identifiers in new object[] { new { email = a.Email!.ToLowerInvariant() }, new { phone = $"{digits[..3]}.{digits[3..6]}.{digits[6..]}" }, new { customerId = a.Id } })
        {
            var found = await privacy.PostAsJsonAsync($"{Base}/search", identifiers);
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
            var body = await found.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(ofA, body.GetProperty("conversations").EnumerateArray().Select(c => c.GetProperty("conversation").GetString()!).ToList());
        }

        // Only the privacy scope, and only of this tenant (another tenant's key finds nothing there); identifiers
        // are checked before anything is looked up.
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync($"{Base}/search", new { email = a.Email })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"{Base}/search", new { email = a.Email })).StatusCode);
        foreach (var bad in new object[] { new { }, new { email = "no-at-sign" }, new { phone = "12-34" }, new { customerId = "a\u0001b" }, new { email = new string('x', 400) + "@e.com" } })
        {
            var refused = await privacy.PostAsJsonAsync($"{Base}/delete", bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        // A reviewer quoting the customer: personal data in a review comment.
        var quote = $"Customer {a.Name} insisted twice";
        using var supervisor = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, ApiScopes.Supervise));
        var review = await supervisor.PostAsJsonAsync(
            $"/v1/tenants/{Tenant}/conversations/{ofA[0]}/reviews",
            new { reviewerId = "rita", scores = new[] { new { criterionId = "greeting", score = 70 } }, comment = quote });
        Assert.Equal(HttpStatusCode.Created, review.StatusCode);

        // The export: one document, every conversation of A with transcript, customer and reviews.
        var export = await privacy.PostAsJsonAsync($"{Base}/export", new { email = a.Email });
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        var document = await export.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["email"], document.GetProperty("identifiers").EnumerateArray().Select(i => i.GetString()));
        var exported = document.GetProperty("conversations").EnumerateArray().ToList();
        Assert.Equal(ofA, exported.Select(c => c.GetProperty("id").GetString()!).ToList());
        Assert.All(exported, c =>
        {
            Assert.Equal(a.Email, c.GetProperty("customer").GetProperty("email").GetString(), StringComparer.OrdinalIgnoreCase);
            Assert.NotEmpty(c.GetProperty("state").GetProperty("transcript").EnumerateArray());
            Assert.True(c.GetProperty("state").GetProperty("score").TryGetProperty("overall", out _));
        });
        Assert.Equal(quote, exported[0].GetProperty("reviews")[0].GetProperty("comment").GetString());

        // Before: A's identifiers and sentences are in the rows, and the index holds none of them.
        var needles = NeedlesOnlyOf(events, ofA, a);
        needles.Add(quote);
        Assert.True(needles.Count >= 6, $"A's conversations should carry identifiers and sentences, found {needles.Count}");
        Assert.DoesNotContain(needles, n => StoredRows.Holding(connectionString, n).Count == 0);
        Assert.True(StoredRows.Count(connectionString, "end-user-index") >= 3 * started.Select(s => s.Data?.Customer?.Email?.ToLowerInvariant()).Where(e => e is not null).Distinct().Count());
        Assert.DoesNotContain(needles.SelectMany(n => StoredRows.Holding(connectionString, n)), row => row.StartsWith("end-user-index/", StringComparison.Ordinal));

        var delete = await privacy.PostAsJsonAsync($"{Base}/delete", new { email = a.Email });
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        var receipt = await delete.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ofA.Count, receipt.GetProperty("erased").GetInt32());
        Assert.Equal(0, receipt.GetProperty("held").GetInt32());
        var items = receipt.GetProperty("conversations").EnumerateArray().ToDictionary(c => c.GetProperty("conversation").GetString()!);
        Assert.Equal(ofA, items.Keys.Order(StringComparer.Ordinal).ToList());
        Assert.All(items.Values, c =>
        {
            Assert.Equal("erased", c.GetProperty("outcome").GetString());
            Assert.True(c.GetProperty("transcriptMessages").GetInt32() > 0);
            Assert.True(c.GetProperty("customerReference").GetBoolean());
            Assert.Equal(3, c.GetProperty("indexEntries").GetInt32());
        });
        Assert.Equal(1, items[ofA[0]].GetProperty("reviewsWithText").GetInt32());
        Assert.DoesNotContain(a.Email!, await delete.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // After: no row holds any of it, while B's data is untouched and every conversation keeps its scores.
        Assert.Empty(needles.SelectMany(n => StoredRows.Holding(connectionString, n).Select(row => $"{row} holds '{n}'")));
        Assert.NotEmpty(StoredRows.Holding(connectionString, b.Email!));
        var sentenceOfB = dialogues[1].Turns.First(t => t[0] == "user" && t[1].Length >= 20 && !dialogues[0].Turns.Any(o => o[1] == t[1]))[1];
        Assert.NotEmpty(StoredRows.Holding(connectionString, sentenceOfB));
        foreach (var conversation in ofA)
        {
            var state = await reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/conversations/{conversation}?transcript=true");
            Assert.True(state.GetProperty("score").GetProperty("overall").GetInt32() >= 0);
            Assert.Empty(state.GetProperty("transcript").EnumerateArray());
        }

        var probe = new { customerId = a.Id, email = a.Email, phone = a.Phone, name = a.Name, phrases = needles.Take(5).ToArray() };
        var verified = await (await privacy.PostAsJsonAsync($"{Base}/verify", probe)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(verified.GetProperty("findings").EnumerateArray());
        Assert.Equal(ofA.Count, verified.GetProperty("conversationsSearched").GetInt32());
        Assert.True(verified.GetProperty("reviewsSearched").GetInt32() >= 1);

        // The same verification finds B, whose data was not erased: it can fail.
        var ofB = await (await privacy.PostAsJsonAsync($"{Base}/verify", new { email = b.Email, name = b.Name })).Content.ReadFromJsonAsync<JsonElement>();
        var places = ofB.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("place").GetString()).ToHashSet();
        Assert.Contains("index", places);
        Assert.Contains("customer", places);

        var after = await (await privacy.PostAsJsonAsync($"{Base}/search", new { phone = a.Phone })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(after.GetProperty("conversations").EnumerateArray());
        Assert.Equal(ofA, after.GetProperty("erased").EnumerateArray().Select(c => c.GetString()!).ToList());

        // A replay of the whole topic brings none of it back.
        var before = silo.Stats.Completed;
        foreach (var chunk in events.Chunk(200))
        {
            await TestEvents.PostAsync(ingest, chunk);
        }

        await Eventually.ReturnsAsync(() => silo.Stats.Completed, c => c >= before + events.Count, TimeSpan.FromSeconds(60), "the replay applied");
        Assert.Empty(needles.SelectMany(n => StoredRows.Holding(connectionString, n).Select(row => $"{row} holds '{n}' after the replay")));

        // A new message to an erased conversation is scored, and its text goes as soon as it is applied.
        var late = $"Late note: write to {a.Email} please";
        var lastSequence = events.Where(e => e.Conversation == ofA[0]).Max(e => e.Sequence!.Value);
        await TestEvents.PostAsync(ingest, TestEvents.Message(Tenant, events.First(e => e.Conversation == ofA[0]).Workspace!, ofA[0], lastSequence + 1, "customer", a.Id, late));
        await Eventually.ReturnsAsync(
            async () => (await reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/conversations/{ofA[0]}")).GetProperty("lastSequence").GetInt64(),
            s => s == lastSequence + 1,
            TimeSpan.FromSeconds(60),
            "the late message applied");
        Assert.Empty(StoredRows.Holding(connectionString, late));
        Assert.Empty(StoredRows.Holding(connectionString, a.Email!));

        using var admin = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, ApiScopes.Admin));
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/audit?limit=500");
        var actions = audit.EnumerateArray().Select(e => e.GetProperty("record").GetProperty("action").GetString()).ToList();
        // Every call that reached a handler, refused or not; the ones refused a credential reached none.
        Assert.Equal(4, actions.Count(x => x == "privacy.search"));
        Assert.Equal(1, actions.Count(x => x == "privacy.export"));
        Assert.Equal(6, actions.Count(x => x == "privacy.delete"));
        Assert.Equal(2, actions.Count(x => x == "privacy.verify"));
    }

    // A's identifiers and the sentences A's conversations carry that no other conversation does.
    private static List<string> NeedlesOnlyOf(List<ChatEventDto> events, List<string> ofA, CustomerDto a)
    {
        var others = string.Join('\n', events.Where(e => !ofA.Contains(e.Conversation!)).Select(e => $"{e.Data?.Text}\n{e.Data?.Customer?.Email}\n{e.Data?.Customer?.Name}\n{e.Data?.Customer?.Phone}\n{e.Data?.Subject}"));
        var candidates = new List<string> { a.Email!, a.Email!.ToUpperInvariant(), a.Phone!, a.Name! };
        candidates.AddRange(events.Where(e => ofA.Contains(e.Conversation!) && e.Type == "message.created" && e.Data?.Author?.Role == "customer" && e.Data.Text is { Length: >= 20 }).Select(e => e.Data!.Text!));
        return candidates.Distinct(StringComparer.Ordinal).Where(n => !others.Contains(n, StringComparison.Ordinal)).ToList();
    }
}
