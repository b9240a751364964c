using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Encryption;
using CraftCX.Events.Json;

namespace CraftCX.Tests.Connectors;

/// <summary>
/// A connector's secret is stored sealed with the tenant's key (proven on the raw rows and a pg_dump), survives a
/// restart with its counters, and its dead letters are sealed too.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConnectorStorageTests(PostgresServer postgres)
{
    private const string Tenant = "t-hook-store";

    [Fact]
    public async Task The_secret_is_sealed_at_rest_and_the_connector_and_its_counters_survive_a_restart()
    {
        var connectionString = await postgres.CreateDatabaseAsync("connectors");
        var secret = "whsec_" + Convert.ToBase64String("connector-secret-for-the-dump-32b"u8.ToArray());
        string id;
        string path;
        await using (var silo = await RunningSilo.StartOnPostgresAsync(connectionString))
        {
            using var admin = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "admin", "read"));
            var created = await admin.PostAsJsonAsync($"/v1/tenants/{Tenant}/connectors", new { type = "standard-webhooks", name = "Shop chat", secret, mapping = new { defaultWorkspace = "shop" } });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var body = await created.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(secret, body.GetProperty("secret").GetString());
            id = body.GetProperty("connector").GetProperty("id").GetString()!;
            path = $"/v1/hooks/{Tenant}/{id}";
            var first = SignedDelivery.Json(TestEvents.Message(Tenant, "shop", "c-1", 1, "customer", "u-1", "Where is my order?"));
            Assert.Equal(HttpStatusCode.Accepted, (await SignedDelivery.PostAsync(silo.Http, path, first, "d-1", DateTimeOffset.UtcNow, secret)).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await SignedDelivery.PostAsync(silo.Http, path, "[{\"id\": 5}]"u8.ToArray(), "d-2", DateTimeOffset.UtcNow, secret)).StatusCode);

            // The dead letter of that second delivery holds the body sealed for the tenant.
            var letter = Assert.Single(silo.ReadDeadLetters(1, TimeSpan.FromSeconds(20)));
            Assert.Equal(Tenant, DeadLetterReader.Header(letter, DeadLetterSealing.SealedForHeader));
            Assert.Equal(id, DeadLetterReader.Header(letter, "craftcx-dlq-connector"));
            Assert.True(letter.Message.Value.AsSpan().IndexOf("\"id\": 5"u8) < 0, "the dead letter's value is sealed");
        }

        // Stored and opening with the tenant's key, but in no row or dump in the clear.
        Assert.NotEmpty(StoredRows.Holding(connectionString, secret));
        Assert.Empty(StoredRows.HoldingRaw(connectionString, secret));
        var dump = await postgres.DumpAsync(connectionString);
        Assert.DoesNotContain(secret[6..], dump, StringComparison.Ordinal);
        Assert.DoesNotContain("Shop chat", dump, StringComparison.Ordinal);
        Assert.Single(StoredRows.KeyVersions(connectionString, SealedStates.Connectors));

        // After a restart the same secret verifies, a retried delivery is still known, and the counters went on.
        await using var again = await RunningSilo.StartOnPostgresAsync(connectionString);
        using var reader = again.ClientWithKey(await again.CreateKeyAsync(Tenant, "admin", "read"));
        var retry = SignedDelivery.Json(TestEvents.Message(Tenant, "shop", "c-1", 1, "customer", "u-1", "Where is my order?"));
        Assert.Equal(HttpStatusCode.OK, (await SignedDelivery.PostAsync(again.Http, path, retry, "d-1", DateTimeOffset.UtcNow, secret)).StatusCode);
        var next = SignedDelivery.Json(TestEvents.Message(Tenant, "shop", "c-1", 2, "agent", "a-1", "It ships today"));
        Assert.Equal(HttpStatusCode.Accepted, (await SignedDelivery.PostAsync(again.Http, path, next, "d-3", DateTimeOffset.UtcNow, secret)).StatusCode);
        var counters = (await reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/connectors/{id}")).GetProperty("connector").GetProperty("counters");
        Assert.Equal(4, counters.GetProperty("deliveries").GetInt64());
        Assert.Equal(2, counters.GetProperty("eventsAccepted").GetInt64());
        Assert.Equal(1, counters.GetProperty("duplicates").GetInt64());
        Assert.Equal(1, counters.GetProperty("deadLettered").GetInt64());
        await Eventually.ReturnsAsync(
            () => reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/conversations/c-1"),
            s => s.GetProperty("lastSequence").GetInt64() == 2,
            TimeSpan.FromSeconds(30),
            "both messages applied");
    }
}
