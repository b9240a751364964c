using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CraftCX.Tests.Connectors;

/// <summary>
/// A URL import whose server stops sending half-way, the silo stopped there, and a new silo on the same database:
/// the import goes on from its last checkpoint, nothing is handed on twice and every ticket lands once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConnectorImportRestartTests(PostgresServer postgres)
{
    private const string Tenant = "t-import-restart";
    private const int Tickets = 240;
    private const int BeforeStall = 150;

    [Fact]
    public async Task An_import_goes_on_from_its_checkpoint_after_a_restart()
    {
        var connectionString = await postgres.CreateDatabaseAsync("import_restart");
        var start = DateTimeOffset.UtcNow.AddDays(-10);
        var lines = Enumerable.Range(0, Tickets).Select(i => ConnectorImportTests.Ticket(i, start.AddHours(i)) + "\n").ToList();
        var expectedEvents = Enumerable.Range(0, Tickets).Sum(i => 6 + (i % 2 == 0 ? 2 : 0));
        var eventsBeforeStall = Enumerable.Range(0, BeforeStall).Sum(i => 6 + (i % 2 == 0 ? 2 : 0));

        // The first request gets 150 tickets and then nothing more; later requests get the whole export.
        using var server = new StallingExportServer(lines, BeforeStall);
        var settings = new Dictionary<string, string?>
        {
            ["Connectors:Import:AllowedHosts:0"] = "127.0.0.1",
            ["Connectors:Import:PollInterval"] = "00:00:00.200",
            ["Connectors:Import:BatchSize"] = "50",
        };

        string key, status;
        await using (var before = await RunningSilo.StartOnPostgresAsync(connectionString, settings))
        {
            key = await before.CreateKeyAsync(Tenant, "admin", "read", "transcripts");
            using var admin = before.ClientWithKey(key);
            var created = await admin.PostAsJsonAsync($"/v1/tenants/{Tenant}/connectors", new { type = "zendesk", name = "Zendesk", secret = "zendesk-signing-secret-0123456789", mapping = new { defaultWorkspace = "support" } });
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connector").GetProperty("id").GetString()!;
            var started = await admin.PostAsJsonAsync($"/v1/tenants/{Tenant}/connectors/{id}/imports", new { url = server.Url + "?token=secret-token" });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            status = started.Headers.Location!.PathAndQuery;
            var stalled = await Eventually.ReturnsAsync(
                () => admin.GetFromJsonAsync<JsonElement>(status),
                s => s.GetProperty("records").GetInt64() == BeforeStall,
                TimeSpan.FromSeconds(60),
                "the import at the stall");
            Assert.Equal("running", stalled.GetProperty("state").GetString());
            Assert.DoesNotContain("secret-token", stalled.GetProperty("location").GetString(), StringComparison.Ordinal);
            await Eventually.ReturnsAsync(
                () => admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/import"),
                s => s.GetProperty("counted").GetInt64() == eventsBeforeStall,
                TimeSpan.FromSeconds(60),
                "the events before the stall applied");
        }

        await using var after = await RunningSilo.StartOnPostgresAsync(connectionString, settings);
        using var reader = after.ClientWithKey(key);
        var done = await Eventually.ReturnsAsync(
            () => reader.GetFromJsonAsync<JsonElement>(status),
            s => s.GetProperty("state").GetString() is "done" or "failed",
            TimeSpan.FromSeconds(60),
            "the import finished on the second silo");
        Assert.Equal("done", done.GetProperty("state").GetString());
        Assert.Equal(Tickets, done.GetProperty("records").GetInt64());
        Assert.Equal(expectedEvents, done.GetProperty("events").GetInt64());
        Assert.Equal(2, done.GetProperty("runs").GetInt32());
        Assert.Equal(BeforeStall, done.GetProperty("resumedFrom").GetInt64());
        Assert.Equal(2, server.Requests);

        // Every event counted once: nothing before the checkpoint was handed on again.
        var totals = await Eventually.ReturnsAsync(
            () => reader.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Tenant}/import"),
            s => s.GetProperty("counted").GetInt64() == expectedEvents,
            TimeSpan.FromSeconds(60),
            "every imported event counted");
        Assert.Equal(0, totals.GetProperty("duplicates").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/tenants/{Tenant}/conversations/zd-5010")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/tenants/{Tenant}/conversations/zd-{5010 + Tickets - 1}")).StatusCode);
    }

    /// <summary>Serves an NDJSON export on loopback; the first response stops after some lines and hangs until the client leaves.</summary>
    private sealed class StallingExportServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly CancellationTokenSource _stop = new();
        private int _requests;

        public StallingExportServer(IReadOnlyList<string> lines, int stallAfter)
        {
            var port = FreePort.Next();
            Url = $"http://127.0.0.1:{port}/export/tickets.json";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception) when (_stop.IsCancellationRequested)
                    {
                        return;
                    }

                    var first = Interlocked.Increment(ref _requests) == 1;
                    _ = Task.Run(() => ServeAsync(context, first ? lines.Take(stallAfter) : lines, stall: first));
                }
            });
        }

        public string Url { get; }

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Close();
            _stop.Dispose();
        }

        private async Task ServeAsync(HttpListenerContext context, IEnumerable<string> lines, bool stall)
        {
            try
            {
                context.Response.SendChunked = true;
                context.Response.ContentType = "application/x-ndjson";
                foreach (var line in lines)
                {
                    var bytes = Encoding.UTF8.GetBytes(line);
                    await context.Response.OutputStream.WriteAsync(bytes);
                }

                await context.Response.OutputStream.FlushAsync();
                if (stall)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                context.Response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away (the silo stopped) or the test ended.
            }
        }
    }
}
