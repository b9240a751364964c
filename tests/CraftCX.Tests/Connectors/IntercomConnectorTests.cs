using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CraftCX.Api.Connectors.Signatures;

namespace CraftCX.Tests.Connectors;

/// <summary>
/// Intercom webhook notifications in their recorded format (Data/intercom), signed as Intercom signs them, over real
/// HTTP: a conversation with a Fin answer, a note, a teammate's reply, a close and a rating becomes one scored
/// conversation with a bot participant; the same part under two topics or in a retry counts once; other topics are
/// ignored; a wrong secret, a changed byte or a missing header is refused with nothing ingested.
/// </summary>
public sealed class IntercomConnectorTests
{
    private const string Tenant = "t-intercom";
    private const string Secret = "0f4d2c9e8b7a6f5e4d3c2b1a09f8e7d6c5b4a392";

    [Fact]
    public async Task A_conversation_delivered_as_notifications_is_scored_once_with_Fin_as_a_bot()
    {
        await using var silo = await RunningSilo.StartAsync(new Dictionary<string, string?>());
        using var admin = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "admin", "read", "transcripts"));
        var created = await admin.PostAsJsonAsync($"/v1/tenants/{Tenant}/connectors", new
        {
            type = "intercom",
            name = "Intercom Messenger",
            secret = Secret,
            mapping = new { defaultWorkspace = "general", workspaces = new Dictionary<string, string> { ["5234"] = "shipping" } },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connector").GetProperty("id").GetString()!;
        var path = $"/v1/hooks/{Tenant}/{id}";

        var times = IntercomWebhookMapperTests.Times(DateTimeOffset.UtcNow.AddHours(-2));
        byte[] Fixture(string name, string conversation = "215474343849634") => HelpdeskFixtures.Intercom(name, conversation, times);

        // Fin's answer before the notification of the conversation it answers: every notification carries the start.
        string[] deliveries = ["operator-replied", "user-created", "admin-assigned", "admin-noted", "admin-replied", "admin-closed", "rating-added"];
        foreach (var name in deliveries)
        {
            var response = await PostAsync(silo.Http, path, Fixture(name), Secret);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // A retry of a notification is a duplicate; Fin's reply delivered again under conversation.admin.replied (another
        // notification id) is taken, but its part is one message.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(silo.Http, path, Fixture("operator-replied"), Secret)).StatusCode);
        var sameFinReply = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Fixture("operator-replied")).Replace("conversation.operator.replied", "conversation.admin.replied").Replace("6f3b1a7c0002", "6f3b1a7c0102"));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(silo.Http, path, sameFinReply, Secret)).StatusCode);

        foreach (var ignored in new[] { "ping", "contact-user-created" })
        {
            var response = await PostAsync(silo.Http, path, Fixture(ignored), Secret);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ignored").GetString());
        }

        var conversation = await Eventually.ReturnsAsync(
            () => admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/conversations/ic-215474343849634?transcript=true"),
            s => s.GetProperty("status").GetString() == "closed" && s.GetProperty("messages").GetInt32() == 4 && s.GetProperty("csat").ValueKind == JsonValueKind.Number,
            TimeSpan.FromSeconds(30),
            "the conversation applied, closed and rated");
        Assert.Equal("shipping", conversation.GetProperty("workspace").GetString());
        Assert.Equal("chat", conversation.GetProperty("channel").GetString());
        Assert.Equal("ic-admin-814860", conversation.GetProperty("primaryAgentId").GetString());
        Assert.Equal(5, conversation.GetProperty("csat").GetInt32());
        var transcript = conversation.GetProperty("transcript").EnumerateArray().ToList();
        Assert.Equal(["customer", "bot", "agent", "agent"], transcript.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal([false, false, true, false], transcript.Select(m => m.GetProperty("internal").GetBoolean()));
        Assert.Equal("Hi, my parcel has not arrived & the tracking page is empty.\nOrder 4471", transcript[0].GetProperty("text").GetString());

        Assert.Equal(["delivery"], conversation.GetProperty("labels").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["ic-bot-6827949", "ic-admin-814860"], conversation.GetProperty("agents").EnumerateArray().Select(t => t.GetString()));

        // started, source, Fin, assigned, note, tagged, reply, closed, rating: each once, whatever was delivered twice.
        Assert.Equal(9, conversation.GetProperty("eventsApplied").GetInt32());

        // Each kind of bad signature is a 401, and nothing of a refused conversation is ingested.
        var other = Fixture("user-created", "215474343849635");
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(silo.Http, path, other, "another-client-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(silo.Http, path, other, Secret, change: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await silo.Http.PostAsync(path, new ByteArrayContent(other))).StatusCode);

        // A verified notification without its conversation is dead-lettered; the next one is applied.
        var broken = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Fixture("user-created", "215474343849636")).Replace("\"item\":{\"type\":\"conversation\"", "\"item\":{\"type\":\"ticket\"").Replace("6f3b1a7c0001", "6f3b1a7c0201"));
        var dead = await PostAsync(silo.Http, path, broken, Secret);
        Assert.Equal(HttpStatusCode.Accepted, dead.StatusCode);
        Assert.True((await dead.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deadLettered").GetBoolean());
        var letter = Assert.Single(silo.ReadDeadLetters(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("unmappable", DeadLetterReader.Header(letter, "craftcx-dlq-reason"));
        Assert.Equal("intercom", DeadLetterReader.Header(letter, "craftcx-dlq-connector-type"));
        var next = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Fixture("user-created", "215474343849637")).Replace("6f3b1a7c0001", "6f3b1a7c0301"));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(silo.Http, path, next, Secret)).StatusCode);
        await Eventually.ReturnsAsync(() => admin.GetAsync($"/v1/tenants/{Tenant}/conversations/ic-215474343849637"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the next conversation applied");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/tenants/{Tenant}/conversations/ic-215474343849635")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/tenants/{Tenant}/conversations/ic-215474343849636")).StatusCode);

        var counters = (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/connectors/{id}")).GetProperty("connector").GetProperty("counters");
        Assert.Equal(1, counters.GetProperty("duplicates").GetInt64());
        Assert.Equal(2, counters.GetProperty("ignored").GetInt64());
        Assert.Equal(3, counters.GetProperty("signatureRefused").GetInt64());
        Assert.Equal(1, counters.GetProperty("deadLettered").GetInt64());
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, byte[] body, string secret, bool change = false)
    {
        var signature = "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body));
        var sent = change ? body.Select((b, i) => i == body.Length / 2 ? (byte)(b ^ 1) : b).ToArray() : body;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(sent) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(IntercomSignature.SignatureHeader, signature);
        return await http.SendAsync(request);
    }
}
