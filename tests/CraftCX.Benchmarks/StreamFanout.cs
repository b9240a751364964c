using System.Collections.Immutable;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CraftCX.Aggregation;
using CraftCX.ScoreChanges;
using CraftCX.Security;
using CraftCX.Silo.ScoreLog;
using CraftCX.Tenants;

namespace CraftCX.Benchmarks;

/// <summary>
/// The cost of the score stream for its clients: score changes of one tenant among nine times as many of other
/// tenants go into the scores topic, and 1, then N, following NDJSON clients of that tenant read them over HTTP.
/// Printed: process CPU per delivered change (the producer and the HTTP clients run in this process too), and
/// the marginal CPU of one more client per change it gets: with one shared reader per silo, a client costs its own
/// tenant's changes, not the topic's.
/// </summary>
internal static class StreamFanout
{
    public static async Task MeasureAsync(PipelineHost host, string bootstrapServers, string scoresTopic, int clients, int changes, BenchmarkReport report)
    {
        // Warm-up rounds of both sizes, not counted: the JIT tiers the code of the stream, the hub-less HTTP path
        // and the shared reader up first (without them the first measured round ran 3x the CPU), then a pause.
        await RunAsync(host, bootstrapServers, scoresTopic, 1, changes);
        await RunAsync(host, bootstrapServers, scoresTopic, clients, changes);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var one = await RunAsync(host, bootstrapServers, scoresTopic, 1, changes);
        var many = await RunAsync(host, bootstrapServers, scoresTopic, clients, changes);
        foreach (var (count, (cpu, delivered, elapsed)) in new[] { (1, one), (clients, many) })
        {
            report.Add(
                $"score stream, {count} following client(s) of one tenant, {changes} of its changes among {changes * 9} of other tenants: " +
                $"{delivered} changes delivered in {elapsed.TotalSeconds:0.00} s, CPU {cpu.TotalMicroseconds / delivered:0.0} us per delivered change");
        }

        if (clients > 1)
        {
            var marginal = (many.Cpu - one.Cpu).TotalMicroseconds / ((clients - 1) * (double)changes);
            report.Add($"score stream, each further client: {marginal:0.0} us CPU per change it receives (HTTP write and the client's own read included)");
        }
    }

    private static async Task<(TimeSpan Cpu, long Delivered, TimeSpan Elapsed)> RunAsync(PipelineHost host, string bootstrapServers, string topic, int clients, int changes)
    {
        var tenant = "bench-stream-" + Guid.NewGuid().ToString("N")[..8];
        var keys = new List<string>();

        // Api:MaxStreamsPerKey is 10: one key per ten clients.
        for (var i = 0; i < (clients + 9) / 10; i++)
        {
            keys.Add((await host.Grains.GetGrain<IApiKeysGrain>(tenant).CreateAsync("benchmark", [ApiScopes.Read])).Key);
        }

        long delivered = 0;
        var expected = (long)clients * changes;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var connected = 0;
        var readers = Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", keys[i / 10]);
            using var response = await http.GetAsync("/v1/stream/scores?from=now", HttpCompletionOption.ResponseHeadersRead, stop.Token);
            response.EnsureSuccessStatusCode();
            Interlocked.Increment(ref connected);
            using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token), Encoding.UTF8);
            while (await lines.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.Contains("\"type\":\"score\"", StringComparison.Ordinal) && Interlocked.Increment(ref delivered) == expected)
                {
                    done.TrySetResult();
                }
            }
        })).ToList();

        while (Volatile.Read(ref connected) < clients)
        {
            await Task.Delay(20);
        }

        // Every client is listening once its headers arrived; a moment more for the shared reader's first fetch.
        await Task.Delay(500);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using (var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 5 }).Build())
        {
            for (var i = 0; i < changes * 10; i++)
            {
                var owner = i % 10 == 0 ? tenant : $"other-{i % 10}";
                var change = Change(owner, i);
                producer.Produce(topic, new Message<byte[]?, byte[]>
                {
                    Key = Encoding.UTF8.GetBytes($"{owner}/w"),
                    Value = JsonSerializer.SerializeToUtf8Bytes(change, ScoreChangeJsonContext.Default.ConversationScoreChange),
                });
            }

            producer.Flush(TimeSpan.FromMinutes(1));
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var elapsed = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await stop.CancelAsync();
        foreach (var reader in readers)
        {
            try
            {
                await reader;
            }
            catch (OperationCanceledException)
            {
            }
        }

        return (cpu, Interlocked.Read(ref delivered), elapsed);
    }

    private static ConversationScoreChange Change(string tenant, int i) => new(
        tenant,
        "w",
        $"c-{i}",
        1,
        DateTimeOffset.UtcNow,
        "agent-1",
        false,
        HandledBy.Human,
        70 + i % 30,
        false,
        [new CriterionScore("greeting", 80), new CriterionScore("resolution", 60)],
        0.2,
        0,
        false,
        false,
        ImmutableArray<string>.Empty);
}
