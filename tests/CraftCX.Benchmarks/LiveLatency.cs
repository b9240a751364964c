using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CraftCX.Events.Json;
using CraftCX.Security;
using CraftCX.Silo.Ingestion;
using CraftCX.Tenants;
using Microsoft.AspNetCore.SignalR.Client;

namespace CraftCX.Benchmarks;

/// <summary>
/// From an event's produce time to the moment a dashboard (SignalR) and a BI client (the NDJSON score stream)
/// see the score change it caused, at a steady produce rate. Live updates are coalesced, so each received
/// change (conversation, version) is timed against the event with that sequence.
/// </summary>
internal static class LiveLatency
{
    /// <summary>Produces the workload at the rate and returns what a SignalR client and a streaming-API client measured.</summary>
    public static async Task<LiveLatencyResult> MeasureAsync(PipelineHost host, string bootstrapServers, string topic, IReadOnlyList<ChatEventDto> workload, int rate, LatencyBreakdown? breakdown = null)
    {
        var tenant = workload[0].Tenant!;
        var workspace = workload[0].Workspace!;
        var key = (await host.Grains.GetGrain<IApiKeysGrain>(tenant).CreateAsync("benchmark", ApiScopes.All)).Key;
        var produced = new ConcurrentDictionary<(string, long), long>();
        var hub = new LatencyHistogram();
        var stream = new LatencyHistogram();

        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(key))
            .Build();
        var messages = 0L;
        connection.On<string, JsonElement>("ConversationScoresChanged", (_, changes) =>
        {
            Interlocked.Increment(ref messages);
            Record(changes.EnumerateArray(), produced, hub);
        });
        foreach (var kind in new[] { "AgentScoresChanged", "WorkspaceAggregateChanged", "Alerts" })
        {
            connection.On<string, JsonElement>(kind, (_, _) => Interlocked.Increment(ref messages));
        }

        await connection.StartAsync();
        await connection.InvokeAsync<JsonElement>("JoinWorkspace", workspace);

        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var stopReading = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            using var response = await http.GetAsync($"/v1/stream/scores?from=now&workspace={workspace}", HttpCompletionOption.ResponseHeadersRead, stopReading.Token);
            using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(stopReading.Token), Encoding.UTF8);
            while (await lines.ReadLineAsync(stopReading.Token) is { } line)
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.GetProperty("type").GetString() == "score")
                {
                    Record([document.RootElement.GetProperty("score")], produced, stream);
                }
            }
        });
        await Task.Delay(1000);

        var before = host.Stats.Completed;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var mockBefore = ThreadCpu.Of(ThreadCpu.MockBroker);
        var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        TimeSpan producing;
        long messagesWhileProducing;
        using (var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 1 }).Build())
        {
            var clock = Stopwatch.StartNew();
            Interlocked.Exchange(ref messages, 0);
            for (var i = 0; i < workload.Count; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / rate);
                if (due - clock.Elapsed > TimeSpan.FromMilliseconds(2))
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                var e = workload[i];
                produced[(e.Conversation!, e.Sequence!.Value)] = Stopwatch.GetTimestamp();
                producer.Produce(topic, new Message<byte[]?, byte[]>
                {
                    Key = Encoding.UTF8.GetBytes($"{e.Tenant}/{e.Conversation}"),
                    Value = JsonSerializer.SerializeToUtf8Bytes(e, ChatEventJsonContext.Default.ChatEventDto),
                    Headers = breakdown is null ? null : new Headers { { "traceparent", Encoding.ASCII.GetBytes(breakdown.Start()) } },
                });
            }

            producer.Flush(TimeSpan.FromMinutes(1));
            producing = clock.Elapsed;
            messagesWhileProducing = Interlocked.Read(ref messages);
        }

        while (host.Stats.Completed < before + workload.Count)
        {
            await Task.Delay(20);
        }

        // The whole process, the clients' reading included, less the mock broker: what a live event costs once batches are small.
        var mockCpu = ThreadCpu.Of(ThreadCpu.MockBroker) - mockBefore;
        var cpuPerEvent = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore - mockCpu).TotalMicroseconds / workload.Count;
        var mockPerEvent = mockCpu.TotalMicroseconds / workload.Count;
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore;

        await Task.Delay(2000);
        await stopReading.CancelAsync();
        try
        {
            await reader;
        }
        catch (OperationCanceledException)
        {
        }

        return new LiveLatencyResult(hub, stream, messagesWhileProducing / producing.TotalSeconds, cpuPerEvent, mockPerEvent, compiled);
    }

    /// <summary>Latencies seen by each client, how many hub messages per second the SignalR client got while events flowed, and the CPU per event meanwhile (the process less the mock broker, and the mock broker), and the methods the JIT compiled while events flowed.</summary>
    public sealed record LiveLatencyResult(LatencyHistogram Hub, LatencyHistogram Stream, double HubMessagesPerSecond, double CpuMicrosecondsPerEvent, double MockBrokerMicrosecondsPerEvent, long MethodsCompiled);

    private static void Record(IEnumerable<JsonElement> changes, ConcurrentDictionary<(string, long), long> produced, LatencyHistogram histogram)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var change in changes)
        {
            if (produced.TryGetValue((change.GetProperty("conversation").GetString()!, change.GetProperty("version").GetInt64()), out var at))
            {
                histogram.Record(Stopwatch.GetElapsedTime(at, now));
            }
        }
    }
}
