using System.Net;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using CraftCX.ScoreChanges;

namespace CraftCX.Tests.ScoreStream;

/// <summary>GET /v1/stream/scores as NDJSON and SSE: tenant-only, filtered, resumable with no gap and no duplicate.</summary>
public sealed class ScoreStreamTests(Security.SecurityFixture host) : IClassFixture<Security.SecurityFixture>
{
    private static readonly string[] Workspaces = ["north", "south"];

    private async Task<List<JsonElement>> SeedAsync()
    {
        await host.PrepareAsync();
        var events = TestWorkload.Build("tenant-a", conversations: 16, seed: 61)
            .Select(e => { e.Workspace = Workspaces[Math.Abs(e.Conversation!.GetHashCode(StringComparison.Ordinal)) % 2]; return e; })
            .ToArray();
        foreach (var chunk in events.Chunk(50))
        {
            // In several posts, so that conversations change in several aggregation flushes.
            await TestEvents.PostAsync(host.Http, chunk);
            await Task.Delay(150);
        }

        var conversations = events.Select(e => e.Conversation).Distinct().Count();

        // Every conversation's last version is in the log once the stream shows it.
        var lastVersions = events.GroupBy(e => e.Conversation).ToDictionary(g => g.Key!, g => g.Max(e => e.Sequence!.Value));
        return await Eventually.ReturnsAsync(
            () => ReadAllAsync(host.Http, "/v1/stream/scores?follow=false"),
            lines => lines.Count(l => l.GetProperty("type").GetString() == "score"
                && lastVersions.TryGetValue(l.GetProperty("score").GetProperty("conversation").GetString()!, out var v)
                && l.GetProperty("score").GetProperty("version").GetInt64() == v) == conversations,
            TimeSpan.FromSeconds(60),
            "every conversation's final score in the stream");
    }

    [Fact]
    public async Task Ndjson_serves_only_the_callers_tenant_filtered_and_without_transcript_text()
    {
        var all = await SeedAsync();
        var scores = all.Where(l => l.GetProperty("type").GetString() == "score").Select(l => l.GetProperty("score")).ToList();
        Assert.NotEmpty(scores);
        Assert.All(scores, s => Assert.Equal("tenant-a", s.GetProperty("tenant").GetString()));
        Assert.DoesNotContain(all, l => l.GetRawText().Contains("Tenant B", StringComparison.Ordinal));
        Assert.DoesNotContain(all, l => l.GetRawText().Contains("\"text\"", StringComparison.Ordinal));

        var north = await ReadAllAsync(host.Http, "/v1/stream/scores?follow=false&workspace=north");
        Assert.All(north, l => Assert.Equal("north", l.GetProperty("score").GetProperty("workspace").GetString()));
        Assert.Equal(scores.Count(s => s.GetProperty("workspace").GetString() == "north"), north.Count);

        var agent = scores.First(s => s.TryGetProperty("agentId", out var a) && a.ValueKind == JsonValueKind.String).GetProperty("agentId").GetString()!;
        var byAgent = await ReadAllAsync(host.Http, $"/v1/stream/scores?follow=false&agent={agent}");
        Assert.All(byAgent, l => Assert.Equal(agent, l.GetProperty("score").GetProperty("agentId").GetString()));
        Assert.NotEmpty(byAgent);

        var byCriterion = await ReadAllAsync(host.Http, "/v1/stream/scores?follow=false&criterion=resolution");
        Assert.All(byCriterion, l => Assert.Contains(l.GetProperty("score").GetProperty("criteria").EnumerateArray(), c => c.GetProperty("criterionId").GetString() == "resolution"));
        Assert.Equal(scores.Count(s => s.GetProperty("criteria").EnumerateArray().Any(c => c.GetProperty("criterionId").GetString() == "resolution")), byCriterion.Count);
        Assert.Empty(await ReadAllAsync(host.Http, "/v1/stream/scores?follow=false&criterion=no-such-criterion"));

        using var other = host.Silo.ClientWithKey(host.OtherTenantKey);
        var theirs = await ReadAllAsync(other, "/v1/stream/scores?follow=false");
        Assert.All(theirs, l => Assert.Equal("tenant-b", l.GetProperty("score").GetProperty("tenant").GetString()));
    }

    [Fact]
    public async Task An_sse_client_that_disconnects_mid_stream_resumes_with_last_event_id_without_gap_or_duplicate()
    {
        var expected = Identities((await SeedAsync()).Select(l => l.GetProperty("score")));
        Assert.True(expected.Count >= 20, $"only {expected.Count} score changes");

        var firstPart = await ReadSseAsync(null, stopAfter: expected.Count / 3);
        var rest = await ReadSseAsync(firstPart[^1].EventId, stopAfter: int.MaxValue);
        var resumed = Identities(firstPart.Concat(rest).Where(i => i.EventType == "score").Select(i => JsonDocument.Parse(i.Data).RootElement));

        // Partitions interleave differently on each read; what must hold is the same changes, each exactly once.
        Assert.Equal(expected, resumed);
        Assert.Equal(expected.Count / 3, firstPart.Count(i => i.EventType == "score"));
    }

    [Fact]
    public async Task A_cursor_query_parameter_resumes_ndjson_and_bad_input_is_refused()
    {
        var all = await SeedAsync();
        var before = all.Take(all.Count / 2 + 1).ToList();
        var after = await ReadAllAsync(host.Http, $"/v1/stream/scores?follow=false&cursor={before[^1].GetProperty("cursor").GetString()}");
        Assert.Equal(Identities(all.Select(l => l.GetProperty("score"))), Identities(before.Concat(after).Select(l => l.GetProperty("score"))));

        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.GetAsync("/v1/stream/scores?cursor=garbage")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.GetAsync("/v1/stream/scores?workspace=Not_Valid")).StatusCode);
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/stream/scores?follow=false")).StatusCode);
        using var ingestOnly = host.Silo.ClientWithKey(host.IngestOnlyKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await ingestOnly.GetAsync("/v1/stream/scores?follow=false")).StatusCode);
    }

    /// <summary>The changes as sorted (conversation, version) pairs: equal lists mean no gap and no duplicate.</summary>
    private static List<string> Identities(IEnumerable<JsonElement> scores) =>
        scores.Select(s => $"{s.GetProperty("conversation").GetString()}@{s.GetProperty("version").GetInt64()}").Order(StringComparer.Ordinal).ToList();

    internal static async Task<List<JsonElement>> ReadAllAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = new List<JsonElement>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }

        return lines.Where(l => l.GetProperty("type").GetString() == "score").ToList();
    }

    /// <summary>Reads SSE items (following the live stream), stopping and disconnecting after <paramref name="stopAfter"/> scores or when idle.</summary>
    private async Task<List<SseItem<string>>> ReadSseAsync(string? lastEventId, int stopAfter)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/stream/scores");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        var items = new List<SseItem<string>>();
        try
        {
            using var response = await host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            await using var stream = await response.Content.ReadAsStreamAsync(cancel.Token);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancel.Token))
            {
                items.Add(item);
                if (items.Count(i => i.EventType == "score") >= stopAfter)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Idle: the live stream has nothing more for now.
        }

        return items;
    }
}
