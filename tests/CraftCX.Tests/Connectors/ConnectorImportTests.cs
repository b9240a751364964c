using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CraftCX.Tests.Connectors;

/// <summary>
/// A Zendesk export of a few hundred tickets, imported from the operator's import directory over real HTTP: every
/// ticket becomes a conversation in history with its messages, rating and close, a broken record is dead-lettered
/// with its reason while the rest go on, and sources outside what the operator allowed are refused.
/// </summary>
public sealed class ConnectorImportTests : IDisposable
{
    private const string Tenant = "t-import";
    private const int Tickets = 240;
    private readonly string _directory = Directory.CreateTempSubdirectory("craftcx-import-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_Zendesk_export_lands_in_history_with_the_right_counts()
    {
        var start = DateTimeOffset.UtcNow.AddDays(-20);
        var lines = Enumerable.Range(0, Tickets).Select(i => Ticket(i, start.AddHours(i))).ToList();
        lines.Insert(100, "{\"id\":999999,\"subject\":\"no created_at\",\"status\":\"open\"}");
        await File.WriteAllTextAsync(Path.Combine(_directory, "tickets.json"), string.Join('\n', lines) + "\n");

        await using var silo = await RunningSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Connectors:Import:Directory"] = _directory,
            ["Connectors:Import:PollInterval"] = "00:00:00.200",
            ["Connectors:Import:BatchSize"] = "50",
        });
        using var admin = silo.ClientWithKey(await silo.CreateKeyAsync(Tenant, "admin", "read", "transcripts"));
        var created = await admin.PostAsJsonAsync($"/v1/tenants/{Tenant}/connectors", new { type = "zendesk", name = "Zendesk", secret = "zendesk-signing-secret-0123456789", mapping = new { defaultWorkspace = "support" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connector").GetProperty("id").GetString()!;
        var imports = $"/v1/tenants/{Tenant}/connectors/{id}/imports";

        // Sources the operator did not allow are refused with the reason, and nothing is queued.
        foreach (var (body, expected) in new (object Body, string Expected)[]
        {
            (new { file = "../../etc/passwd" }, "inside the import directory"),
            (new { file = "missing.json" }, "no file"),
            (new { url = "https://example.com/export.json" }, "URL imports are off"),
            (new { file = "tickets.json", url = "https://example.com/x" }, "exactly one"),
        })
        {
            var refused = await admin.PostAsJsonAsync(imports, body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(expected, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var started = await admin.PostAsJsonAsync(imports, new { file = "tickets.json" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = started.Headers.Location!;
        var done = await Eventually.ReturnsAsync(
            () => admin.GetFromJsonAsync<JsonElement>(status),
            s => s.GetProperty("state").GetString() is "done" or "failed",
            TimeSpan.FromSeconds(60),
            "the import finished");
        Assert.Equal("done", done.GetProperty("state").GetString());
        Assert.Equal(Tickets + 1, done.GetProperty("records").GetInt64());
        Assert.Equal(1, done.GetProperty("deadLettered").GetInt64());
        Assert.Equal(100.0, done.GetProperty("percentRead").GetDouble());

        // started, 3 comments, assigned, tagged, and for every other ticket closed and a rating.
        var expectedEvents = Enumerable.Range(0, Tickets).Sum(i => 6 + (i % 2 == 0 ? 2 : 0));
        Assert.Equal(expectedEvents, done.GetProperty("events").GetInt64());

        var letter = Assert.Single(silo.ReadDeadLetters(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("unmappable", DeadLetterReader.Header(letter, "craftcx-dlq-reason"));
        Assert.Equal("zendesk", DeadLetterReader.Header(letter, "craftcx-dlq-connector-type"));

        // Every event counted by the pipeline, as an import.
        await Eventually.ReturnsAsync(
            () => admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/import"),
            s => s.GetProperty("counted").GetInt64() == expectedEvents,
            TimeSpan.FromSeconds(60),
            "every imported event counted");

        var solved = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/conversations/zd-5010?transcript=true");
        Assert.Equal("closed", solved.GetProperty("status").GetString());
        Assert.Equal(5, solved.GetProperty("csat").GetInt32());
        Assert.Equal(3, solved.GetProperty("messages").GetInt32());
        Assert.Equal("zd-user-810", solved.GetProperty("primaryAgentId").GetString());
        Assert.Equal(["customer", "agent", "agent"], solved.GetProperty("transcript").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal([false, false, true], solved.GetProperty("transcript").EnumerateArray().Select(m => m.GetProperty("internal").GetBoolean()));
        var open = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/conversations/zd-5011");
        Assert.NotEqual("closed", open.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/tenants/{Tenant}/conversations/zd-999999")).StatusCode);

        // History holds the imported days; the same import again adds nothing.
        var again = await admin.PostAsJsonAsync(imports, new { file = "tickets.json" });
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        await Eventually.ReturnsAsync(
            () => admin.GetFromJsonAsync<JsonElement>(again.Headers.Location!),
            s => s.GetProperty("state").GetString() == "done",
            TimeSpan.FromSeconds(60),
            "the repeated import finished");
        await Eventually.ReturnsAsync(
            () => admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/import"),
            s => s.GetProperty("duplicates").GetInt64() == expectedEvents,
            TimeSpan.FromSeconds(60),
            "the repeated events taken as duplicates");
        Assert.Equal(expectedEvents, (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/import")).GetProperty("counted").GetInt64());
    }

    /// <summary>A ticket of Zendesk's JSON export: requester 700+i, assignee 810, three comments (the last a private note).</summary>
    internal static string Ticket(int i, DateTimeOffset at)
    {
        static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var solved = i % 2 == 0;
        var id = 5010 + i;
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $"{{\"url\":\"https://example.zendesk.com/api/v2/tickets/{id}.json\",\"id\":{id},\"via\":{{\"channel\":\"web\"}},");
        json.Append(CultureInfo.InvariantCulture, $"\"created_at\":\"{Iso(at)}\",\"updated_at\":\"{Iso(at.AddMinutes(50))}\",\"type\":\"question\",\"subject\":\"Order {id} is late\",");
        json.Append(CultureInfo.InvariantCulture, $"\"status\":\"{(solved ? "solved" : "open")}\",\"requester_id\":{700 + i},\"submitter_id\":{700 + i},\"assignee_id\":810,\"group_id\":null,\"tags\":[\"shipping\"],");
        json.Append(CultureInfo.InvariantCulture, $"\"satisfaction_rating\":{(solved ? $"{{\"id\":{90000 + i},\"score\":\"good\",\"updated_at\":\"{Iso(at.AddMinutes(55))}\"}}" : "{\"score\":\"unoffered\"}")},");
        json.Append(CultureInfo.InvariantCulture, $"\"metric_set\":{{\"solved_at\":{(solved ? $"\"{Iso(at.AddMinutes(45))}\"" : "null")}}},\"comments\":[");
        json.Append(CultureInfo.InvariantCulture, $"{{\"id\":{id}01,\"type\":\"Comment\",\"author_id\":{700 + i},\"body\":\"My order has not arrived.\",\"plain_body\":\"My order has not arrived.\",\"public\":true,\"created_at\":\"{Iso(at)}\"}},");
        json.Append(CultureInfo.InvariantCulture, $"{{\"id\":{id}02,\"type\":\"Comment\",\"author_id\":810,\"body\":\"Sorry about that, it ships today.\",\"public\":true,\"created_at\":\"{Iso(at.AddMinutes(3))}\"}},");
        json.Append(CultureInfo.InvariantCulture, $"{{\"id\":{id}03,\"type\":\"Comment\",\"author_id\":810,\"body\":\"Refund approved by lead.\",\"public\":false,\"created_at\":\"{Iso(at.AddMinutes(4))}\"}}]}}");
        return json.ToString();
    }
}
