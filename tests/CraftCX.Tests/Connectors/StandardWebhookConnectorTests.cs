using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CraftCX.Events.Json;

namespace CraftCX.Tests.Connectors;

/// <summary>
/// A generic signed-webhook connector over real HTTP: created with a secret shown once, its deliveries verified
/// before parsing, retries taken once, bad signatures refused with nothing ingested, and events of another tenant
/// or unparsable deliveries dead-lettered with the connector and reason while the next delivery is applied.
/// </summary>
public sealed class StandardWebhookConnectorTests
{
    private const string Tenant = "t-hooks";

    [Fact]
    public async Task Signed_deliveries_are_taken_once_and_everything_else_is_refused_or_dead_lettered()
    {
        await using var silo = await RunningSilo.StartAsync(new Dictionary<string, string?>());
        using var admin = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "admin", "read"));
        await silo.CreateKeyAsync("t-hooks-other", "read");

        var created = await admin.PostAsJsonAsync($"/v1/tenants/{Tenant}/connectors", new
        {
            type = "standard-webhooks",
            name = "Our own chat",
            mapping = new { defaultWorkspace = "support" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("connector").GetProperty("id").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.Matches("^[0-9a-f]{32}$", id);
        var path = new Uri(body.GetProperty("webhookUrl").GetString()!).AbsolutePath;
        Assert.Equal($"/v1/hooks/{Tenant}/{id}", path);

        // Listed without its secret.
        var listed = await admin.GetStringAsync($"/v1/tenants/{Tenant}/connectors");
        Assert.Contains(id, listed);
        Assert.DoesNotContain(secret[6..], listed);

        var started = TestEvents.Of("conversation.started", Tenant, "support", "c-hook", 1, new ChatEventDataDto { Channel = "chat" });
        var message = TestEvents.Message(Tenant, "support", "c-hook", 2, "customer", "u-1", "My parcel never came");
        var delivery = SignedDelivery.Json(started, message);

        // Each kind of bad signature is a 401 and ingests nothing.
        var bad = TestEvents.Message(Tenant, "support", "c-unsigned", 1, "customer", "u-2", "hello");
        var badBody = SignedDelivery.Json(bad);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignedDelivery.PostAsync(silo.Http, path, badBody, "msg_b1", now, "whsec_" + Convert.ToBase64String(new byte[32]))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignedDelivery.PostAsync(silo.Http, path, badBody, "msg_b2", now.AddMinutes(-10), secret)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignedDelivery.PostAsync(silo.Http, path, badBody, "msg_b3", now, secret, change: true)).StatusCode);
        var unsigned = await silo.Http.PostAsync(path, new ByteArrayContent(badBody));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Contains("webhook-id", await unsigned.Content.ReadAsStringAsync());

        // The same delivery three times (the sender's retries): taken once.
        var first = await SignedDelivery.PostAsync(silo.Http, path, delivery, "msg_1", now, secret);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(2, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        for (var retry = 0; retry < 2; retry++)
        {
            var again = await SignedDelivery.PostAsync(silo.Http, path, delivery, "msg_1", now, secret);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());
        }

        // An event of another tenant and a body that is not JSON are dead-lettered; the delivery after them is applied.
        var foreign = SignedDelivery.Json(TestEvents.Message("t-hooks-other", "support", "c-foreign", 1, "customer", "u-3", "hi"));
        var refused = await SignedDelivery.PostAsync(silo.Http, path, foreign, "msg_2", now, secret);
        Assert.Equal(HttpStatusCode.Accepted, refused.StatusCode);
        var refusedBody = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, refusedBody.GetProperty("accepted").GetInt32());
        Assert.True(refusedBody.GetProperty("deadLettered").GetBoolean());
        Assert.Equal(HttpStatusCode.Accepted, (await SignedDelivery.PostAsync(silo.Http, path, "{not json"u8.ToArray(), "msg_3", now, secret)).StatusCode);
        var reply = SignedDelivery.Json(TestEvents.Message(Tenant, "support", "c-hook", 3, "agent", "a-1", "Sorry about that, a new one ships today"));
        Assert.Equal(HttpStatusCode.Accepted, (await SignedDelivery.PostAsync(silo.Http, path, reply, "msg_4", now, secret)).StatusCode);

        var conversation = await Eventually.ReturnsAsync(
            () => admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/conversations/c-hook"),
            s => s.GetProperty("lastSequence").GetInt64() == 3,
            TimeSpan.FromSeconds(30),
            "the connector's conversation applied");
        Assert.Equal(3, conversation.GetProperty("eventsApplied").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/tenants/{Tenant}/conversations/c-unsigned")).StatusCode);
        using var other = silo.ClientWithKey(await silo.CreateKeyAsync("t-hooks-other", "read"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/v1/tenants/t-hooks-other/conversations/c-foreign")).StatusCode);

        var letters = silo.ReadDeadLetters(2, TimeSpan.FromSeconds(20));
        Assert.Equal(2, letters.Count);
        Assert.All(letters, l => Assert.Equal(id, Header(l, "craftcx-dlq-connector")));
        Assert.Equal(["forbidden-tenant", "malformed-json"], letters.Select(l => Header(l, "craftcx-dlq-reason")).Order());

        var status = (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/connectors/{id}")).GetProperty("connector").GetProperty("counters");
        Assert.Equal(10, status.GetProperty("deliveries").GetInt64());
        Assert.Equal(3, status.GetProperty("eventsAccepted").GetInt64());
        Assert.Equal(2, status.GetProperty("duplicates").GetInt64());
        Assert.Equal(2, status.GetProperty("deadLettered").GetInt64());
        Assert.Equal(4, status.GetProperty("signatureRefused").GetInt64());
        Assert.Equal("malformed-json", status.GetProperty("lastError").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Connectors_are_admin_only_checked_and_confined_to_their_tenant()
    {
        await using var silo = await RunningSilo.StartAsync(new Dictionary<string, string?>());
        using var reader = silo.ClientWithKey(await silo.CreateKeyAsync("t-hooks-a", "read"));
        using var admin = silo.ClientWithKey(await silo.CreateKeyAsync("t-hooks-a", "admin"));
        using var otherAdmin = silo.ClientWithKey(await silo.CreateKeyAsync("t-hooks-b", "admin"));
        var spec = new { type = "standard-webhooks", name = "x", mapping = new { defaultWorkspace = "w" } };

        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/v1/tenants/t-hooks-a/connectors", spec)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.PostAsJsonAsync("/v1/tenants/t-hooks-a/connectors", spec)).StatusCode);
        var noWorkspace = await admin.PostAsJsonAsync("/v1/tenants/t-hooks-a/connectors", new { type = "standard-webhooks", name = "x", mapping = new { defaultWorkspace = "no spaces" } });
        Assert.Equal(HttpStatusCode.BadRequest, noWorkspace.StatusCode);
        Assert.Contains("defaultWorkspace", await noWorkspace.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/v1/tenants/t-hooks-a/connectors", new { type = "fax", name = "x", mapping = new { defaultWorkspace = "w" } })).StatusCode);

        var created = await (await admin.PostAsJsonAsync("/v1/tenants/t-hooks-a/connectors", spec)).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("connector").GetProperty("id").GetString()!;

        // Tenant b's URL with tenant a's connector id is no connector; a made-up id neither.
        var body = SignedDelivery.Json(TestEvents.Message("t-hooks-b", "w", "c", 1, "customer", "u", "hi"));
        var secret = created.GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.NotFound, (await SignedDelivery.PostAsync(silo.Http, $"/v1/hooks/t-hooks-b/{id}", body, "m1", DateTimeOffset.UtcNow, secret)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SignedDelivery.PostAsync(silo.Http, $"/v1/hooks/t-hooks-a/{new string('0', 32)}", body, "m1", DateTimeOffset.UtcNow, secret)).StatusCode);

        // Disabled, then deleted: refused, then gone.
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/v1/tenants/t-hooks-a/connectors/{id}", new { enabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SignedDelivery.PostAsync(silo.Http, $"/v1/hooks/t-hooks-a/{id}", body, "m2", DateTimeOffset.UtcNow, secret)).StatusCode);

        // A new secret replaces the old one at once.
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/v1/tenants/t-hooks-a/connectors/{id}", new { enabled = true })).StatusCode);
        var rotated = await (await admin.PostAsJsonAsync($"/v1/tenants/t-hooks-a/connectors/{id}/secret", new { })).Content.ReadFromJsonAsync<JsonElement>();
        var newSecret = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(secret, newSecret);
        var own = SignedDelivery.Json(TestEvents.Message("t-hooks-a", "w", "c", 1, "customer", "u", "hi"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignedDelivery.PostAsync(silo.Http, $"/v1/hooks/t-hooks-a/{id}", own, "m3", DateTimeOffset.UtcNow, secret)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SignedDelivery.PostAsync(silo.Http, $"/v1/hooks/t-hooks-a/{id}", own, "m4", DateTimeOffset.UtcNow, newSecret)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/tenants/t-hooks-a/connectors/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SignedDelivery.PostAsync(silo.Http, $"/v1/hooks/t-hooks-a/{id}", own, "m5", DateTimeOffset.UtcNow, newSecret)).StatusCode);
    }

    private static string Header(Confluent.Kafka.ConsumeResult<byte[]?, byte[]> letter, string name) =>
        Encoding.UTF8.GetString(letter.Message.Headers.GetLastBytes(name));
}
