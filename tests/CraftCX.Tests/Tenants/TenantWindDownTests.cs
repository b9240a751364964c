using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CraftCX.Audit;
using CraftCX.Events.Json;
using CraftCX.Security;
using CraftCX.Tenants;

namespace CraftCX.Tests.Tenants;

/// <summary>
/// A tenant's lifecycle on PostgreSQL: suspended (ingestion refused, reads allowed), terminated (keys revoked),
/// restored during the wind-down, terminated again, and at the wind-down's end deleted: no row of the tenant and
/// no byte of a dump holds any of its data; only the record of the deletion stays.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TenantWindDownTests(PostgresServer postgres)
{
    private const string Tenant = "t-wind";

    [Fact]
    public async Task Suspend_terminate_restore_and_the_wind_down_deletes_every_row_of_the_tenant()
    {
        var connectionString = await postgres.CreateDatabaseAsync("winddown");
        var clock = new ShiftedClock();
        await using var silo = await RunningSilo.StartOnPostgresAsync(
            connectionString,
            new Dictionary<string, string?>
            {
                ["Ingestion:TenantStatusTtl"] = "00:00:00",

                // Revoked keys are refused at once, not after the key cache's usual 10 s.
                ["Auth:KeyCacheTtl"] = "00:00:00",
            },
            clock);

        // Closed conversations (indexed for retention), one left open (only the storage sweep finds it), a
        // review, an end-user search, and a neighbour tenant that must keep everything.
        var events = TestWorkload.Build(Tenant, conversations: 3, seed: 53);
        var open = Open(Tenant, "c-open", "Please call me back about invoice 7781, Jonas Ebbesen speaking");
        var neighbour = Open("t-neighbour", "c-n", "The neighbour keeps this sentence");
        var key = await silo.CreateKeyAsync(Tenant);
        using var client = silo.ClientWithKey(key);
        await TestEvents.PostAsync(client, [.. events, .. open]);
        using var neighbourClient = silo.ClientWithKey(await silo.CreateKeyAsync("t-neighbour"));
        await TestEvents.PostAsync(neighbourClient, neighbour);
        await Eventually.ReturnsAsync(() => silo.Stats.Completed, c => c >= events.Count + open.Length + neighbour.Length, TimeSpan.FromSeconds(60), "all events applied");
        var conversations = events.Select(e => e.Conversation!).Distinct().ToList();
        var review = await client.PostAsJsonAsync($"/v1/tenants/{Tenant}/conversations/{conversations[0]}/reviews", new { reviewerId = "rita", scores = new[] { new { criterionId = "greeting", score = 60 } }, comment = "Jonas Ebbesen was upset" });
        Assert.Equal(HttpStatusCode.Created, review.StatusCode);
        var email = events.First(e => e.Data?.Customer?.Email is not null).Data!.Customer!.Email!;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/v1/tenants/{Tenant}/privacy/end-users/search", new { email })).StatusCode);
        var needles = new List<string> { email, "Jonas Ebbesen", "invoice 7781", conversations[0] };
        Assert.DoesNotContain(needles, n => StoredRows.Holding(connectionString, n).Count == 0);

        // Suspended: ingestion refused with the reason, reads allowed.
        Assert.Equal(HttpStatusCode.OK, (await Operator(silo, HttpMethod.Post, "suspend", new { reason = "unpaid invoice 2026-12" })).StatusCode);
        var refused = await client.PostAsJsonAsync("/v1/events", new[] { TestEvents.Message(Tenant, "floor", "c-open", 9, "agent", "ana", "Hello") });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("suspended", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/tenants/{Tenant}/conversations/{conversations[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Operator(silo, HttpMethod.Post, "delete")).StatusCode);

        // Terminated: every key revoked, the wind-down's end set from the tenant's settings (30 days by default).
        var terminated = await (await Operator(silo, HttpMethod.Post, "terminate", new { reason = "contract ended" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("terminated", terminated.GetProperty("state").GetString(), ignoreCase: true);
        var windDownEnd = terminated.GetProperty("windDownEndsAt").GetDateTimeOffset();
        Assert.InRange(windDownEnd - clock.GetUtcNow(), TimeSpan.FromDays(29.9), TimeSpan.FromDays(30));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/v1/tenants/{Tenant}/conversations/{conversations[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Operator(silo, HttpMethod.Post, "suspend", new { })).StatusCode);

        // Restored during the wind-down: active again, the old keys stay revoked, a new one works.
        Assert.Equal(HttpStatusCode.OK, (await Operator(silo, HttpMethod.Post, "restore")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/v1/tenants/{Tenant}")).StatusCode);
        using var renewed = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, ApiScopes.Read));
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync($"/v1/tenants/{Tenant}/conversations/{conversations[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Operator(silo, HttpMethod.Post, "terminate", new { })).StatusCode);

        // Not at once (silos may still be taking its events), not before the end of the wind-down, not under a hold.
        var early = await Operator(silo, HttpMethod.Post, "delete");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("less than 1 minute", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var grain = silo.Grains.GetGrain<ITenantGrain>(Tenant);
        clock.Advance(TimeSpan.FromDays(29));
        Assert.Null(await grain.RunWindDownAsync());
        Assert.NotEmpty(StoredRows.Holding(connectionString, email));
        clock.Advance(TimeSpan.FromDays(2));
        await grain.SetLegalHoldAsync(new CraftCX.Privacy.LegalHold(clock.GetUtcNow(), "litigation"));
        Assert.Null(await grain.RunWindDownAsync());
        Assert.NotEmpty(StoredRows.Holding(connectionString, email));
        await grain.SetLegalHoldAsync(null);

        // The storage sweep finds reminders by the first part of their grain's key: check that it is the tenant.
        Assert.Contains(ReminderRows(connectionString, Tenant), r => r.EndsWith($"/{Tenant} retention-sweep", StringComparison.Ordinal) && r.Split('/')[1].Split(' ')[0] == Tenant);

        // Due: the check starts the deletion, which runs in the background; the lifecycle shows it.
        Assert.Equal(TenantLifecycleState.Deleting, (await grain.RunWindDownAsync())?.State);
        var deleted = await Eventually.ReturnsAsync(grain.GetLifecycleAsync, l => l?.State == TenantLifecycleState.Deleted, TimeSpan.FromSeconds(60), "the deletion done");
        Assert.Equal(conversations.Count, deleted!.Deletion!.Conversations);
        Assert.True(deleted.Deletion.StorageRows > 0, $"the sweep should have found rows the grains did not reach, found {deleted.Deletion.StorageRows}");
        Assert.Empty(ReminderRows(connectionString, Tenant));

        // The raw storage: no row of the tenant but its own record, the audit record of the deletion and the key
        // ring's tombstone (no key left in it), no identifier or sentence in any row (opened with every key there
        // is) or in a dump, and the neighbour untouched.
        Assert.Equal(["audit-log", "data-keys", "tenant-settings"], TenantRows(connectionString, Tenant));
        var ring = await silo.Grains.GetGrain<CraftCX.Encryption.ITenantKeyRingGrain>(Tenant).GetStatusAsync();
        Assert.Empty(ring.Versions);
        Assert.NotNull(ring.DestroyedAt);
        Assert.Empty(needles.SelectMany(n => StoredRows.Holding(connectionString, n).Select(row => $"{row} holds '{n}'")));
        Assert.NotEmpty(StoredRows.Holding(connectionString, "The neighbour keeps this sentence"));
        var dump = await postgres.DumpAsync(connectionString);
        Assert.All(needles, n =>
        {
            Assert.DoesNotContain(n, dump, StringComparison.Ordinal);
            Assert.DoesNotContain(Hex(n), dump, StringComparison.Ordinal);
        });
        var audit = await silo.Grains.GetGrain<IAuditLogGrain>(Tenant).ReadAsync(1, 100);
        Assert.Equal("tenant.deleted", Assert.Single(audit).Record.Action);
        Assert.Contains($"requested=wind-down keys=destroyed conversations={conversations.Count}", audit[0].Record.Detail, StringComparison.Ordinal);

        // Its events are dead-lettered now, and the lifecycle says what happened.
        var status = await (await Operator(silo, HttpMethod.Get, "")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("deleted", status.GetProperty("state").GetString(), ignoreCase: true);
        Assert.Equal(HttpStatusCode.Conflict, (await Operator(silo, HttpMethod.Post, "restore")).StatusCode);

        // Its id is not reused while its events may still be replayed from the input topic.
        var reused = await Operator(silo, HttpMethod.Post, "");
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Contains("ReplayWindow", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // Reminders left for the tenant's grains (the grain id is type/key, and a key starts with the tenant).
    private static List<string> ReminderRows(string connectionString, string tenant)
    {
        using var connection = new Npgsql.NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand("SELECT grainid || ' ' || remindername FROM orleansreminderstable WHERE grainid LIKE '%' || @t || '%'", connection);
        command.Parameters.AddWithValue("t", tenant);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static Task<HttpResponseMessage> Operator(RunningSilo silo, HttpMethod method, string action, object? body = null) =>
        silo.OperatorAsync(method, $"tenants/{Tenant}" + (action.Length > 0 ? "/" + action : string.Empty), body);

    // State names of the tenant's rows, in order.
    private static List<string> TenantRows(string connectionString, string tenant)
    {
        using var connection = new Npgsql.NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand(
            "SELECT graintypestring FROM orleansstorage WHERE grainidextensionstring = @t OR starts_with(grainidextensionstring, @p) ORDER BY 1",
            connection);
        command.Parameters.AddWithValue("t", tenant);
        command.Parameters.AddWithValue("p", tenant + "/");
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    // pg_dump writes bytea as lowercase hex.
    private static string Hex(string text) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text));

    private static ChatEventDto[] Open(string tenant, string conversation, string text) =>
    [
        TestEvents.Of("conversation.started", tenant, "floor", conversation, 0, new ChatEventDataDto { Channel = "chat" }),
        TestEvents.Message(tenant, "floor", conversation, 1, "customer", "u-open", text),
    ];
}
