using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CraftCX.Api.Connectors.Signatures;

namespace CraftCX.Tests.Connectors;

/// <summary>
/// Zendesk event webhooks in their recorded format (Data/zendesk), signed as Zendesk signs them, over real HTTP: a
/// ticket becomes a scored conversation on the email clock, internal notes stay internal, retries count once, other
/// event types are ignored, and a wrong secret, a stale timestamp, a changed byte or a missing header is refused.
/// </summary>
public sealed class ZendeskConnectorTests
{
    private const string Tenant = "t-zendesk";
    private const string Secret = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";

    [Fact]
    public async Task A_ticket_delivered_as_webhooks_is_scored_once_on_its_channel_clock()
    {
        await using var silo = await RunningSilo.StartAsync(new Dictionary<string, string?>());
        using var admin = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "admin", "read", "transcripts"));
        var created = await admin.PostAsJsonAsync($"/v1/tenants/{Tenant}/connectors", new
        {
            type = "zendesk",
            name = "Zendesk support",
            secret = Secret,
            mapping = new { defaultWorkspace = "general", workspaces = new Dictionary<string, string> { ["8447320466430"] = "shipping" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connector").GetProperty("id").GetString()!;
        var path = $"/v1/hooks/{Tenant}/{id}";

        var start = DateTimeOffset.UtcNow.AddHours(-3);
        var times = new Dictionary<string, DateTimeOffset>
        {
            ["created"] = start,
            ["customer"] = start,
            ["assigned"] = start.AddMinutes(2),
            ["note"] = start.AddMinutes(10),
            ["reply"] = start.AddMinutes(30),
        };
        byte[] Fixture(string name) => HelpdeskFixtures.Zendesk(name, "90210", times);

        // Solved arrives before the reply it was sent with (Zendesk does not order deliveries); both are applied.
        string[] deliveries = ["comment-added-customer", "ticket-created", "agent-assignment-changed", "comment-added-internal-note", "status-changed-solved", "comment-added-agent"];
        foreach (var name in deliveries)
        {
            var response = await PostAsync(silo.Http, path, Fixture(name), Secret, DateTimeOffset.UtcNow);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // Retries of the reply, and event types CraftCX does not use.
        for (var retry = 0; retry < 2; retry++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(silo.Http, path, Fixture("comment-added-agent"), Secret, DateTimeOffset.UtcNow)).StatusCode);
        }

        foreach (var ignored in new[] { "priority-changed", "user-active-changed" })
        {
            var response = await PostAsync(silo.Http, path, Fixture(ignored), Secret, DateTimeOffset.UtcNow);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ignored").GetString());
        }

        var conversation = await Eventually.ReturnsAsync(
            () => admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/conversations/zd-90210?transcript=true"),
            s => s.GetProperty("status").GetString() == "closed" && s.GetProperty("messages").GetInt32() == 3,
            TimeSpan.FromSeconds(30),
            "the ticket applied and closed");
        Assert.Equal("shipping", conversation.GetProperty("workspace").GetString());
        Assert.Equal("email", conversation.GetProperty("channel").GetString());
        Assert.Equal("zd-user-8447388090777", conversation.GetProperty("primaryAgentId").GetString());
        Assert.Equal(6, conversation.GetProperty("eventsApplied").GetInt32());
        var transcript = conversation.GetProperty("transcript").EnumerateArray().ToList();
        Assert.Equal([false, true, false], transcript.Select(m => m.GetProperty("internal").GetBoolean()));
        Assert.Equal(["customer", "agent", "agent"], transcript.Select(m => m.GetProperty("role").GetString()));

        // Thirty minutes to the first reply meets the email target (4 h); the chat target would have scored it 0.
        var times2 = conversation.GetProperty("responseTimes");
        Assert.Equal(1800, times2.GetProperty("firstResponseSeconds").GetDouble(), 0);
        Assert.Equal(0, times2.GetProperty("slaBreaches").GetInt32());
        var responsiveness = conversation.GetProperty("score").GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "responsiveness");
        Assert.Equal(100, responsiveness.GetProperty("score").GetInt32());

        // Each kind of bad signature is a 401, and nothing of a refused ticket is ingested.
        var other = HelpdeskFixtures.Zendesk("comment-added-customer", "90211", times);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(silo.Http, path, other, "another-secret-of-sixteen", DateTimeOffset.UtcNow)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(silo.Http, path, other, Secret, DateTimeOffset.UtcNow.AddMinutes(-6))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(silo.Http, path, other, Secret, DateTimeOffset.UtcNow, change: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await silo.Http.PostAsync(path, new ByteArrayContent(other))).StatusCode);

        // A verified delivery without its ticket is dead-lettered; the next one is applied.
        var broken = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Fixture("priority-changed")).Replace("ticket.priority_changed", "ticket.comment_added").Replace("\"id\":\"90210\",", string.Empty).Replace("1f3b5d7f-", "2f3b5d7f-"));
        var dead = await PostAsync(silo.Http, path, broken, Secret, DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Accepted, dead.StatusCode);
        Assert.True((await dead.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deadLettered").GetBoolean());
        var letter = Assert.Single(silo.ReadDeadLetters(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("unmappable", DeadLetterReader.Header(letter, "craftcx-dlq-reason"));
        Assert.Equal("zendesk", DeadLetterReader.Header(letter, "craftcx-dlq-connector-type"));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(silo.Http, path, NextTicket(HelpdeskFixtures.Zendesk("ticket-created", "90212", times)), Secret, DateTimeOffset.UtcNow)).StatusCode);
        await Eventually.ReturnsAsync(() => admin.GetAsync($"/v1/tenants/{Tenant}/conversations/zd-90212"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the next ticket applied");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/tenants/{Tenant}/conversations/zd-90211")).StatusCode);

        var counters = (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/connectors/{id}")).GetProperty("connector").GetProperty("counters");
        Assert.Equal(2, counters.GetProperty("duplicates").GetInt64());
        Assert.Equal(2, counters.GetProperty("ignored").GetInt64());
        Assert.Equal(4, counters.GetProperty("signatureRefused").GetInt64());
        Assert.Equal(1, counters.GetProperty("deadLettered").GetInt64());
    }

    /// <summary>Another ticket's event has another envelope id (the fixture's would make it a retry).</summary>
    private static byte[] NextTicket(byte[] fixture) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(fixture).Replace("\"id\":\"cbe4028c-", "\"id\":\"cbe40290-"));

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, byte[] body, string secret, DateTimeOffset signedAt, bool change = false)
    {
        var timestamp = signedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(ZendeskSignature.Sign(body, timestamp, secret));
        var sent = change ? body.Select((b, i) => i == body.Length / 2 ? (byte)(b ^ 1) : b).ToArray() : body;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(sent) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(ZendeskSignature.SignatureHeader, signature);
        request.Headers.Add(ZendeskSignature.TimestampHeader, timestamp);
        request.Headers.Add("X-Zendesk-Webhook-Id", "01F1KRFQ6BG29CNWFR60NK5FNY");
        return await http.SendAsync(request);
    }
}
