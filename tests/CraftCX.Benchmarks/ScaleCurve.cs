using System.Diagnostics;
using CraftCX.Events.Json;
using Confluent.Kafka;
using CraftCX.Silo.Kafka.Embedded;

namespace CraftCX.Benchmarks;

/// <summary>
/// The cost of scale, as a curve: for each number of conversations and of partitions, a silo of its own takes a
/// tenant's backlog of short conversations (they open, talk and close), and the run reports its rate, CPU per event,
/// the most activations and managed heap while it ran, what stays resident once every conversation closed, and the
/// p99 latency of a steady probe the silo takes afterwards, with all that behind it.
/// </summary>
internal static class ScaleCurve
{
    public const string Tenant = "bench-scale";
    public const string ProbeTenant = "bench-scale-probe";

    private const int EventsPerConversation = 8;
    private const int ProbeRate = 2_000;
    private const int ProbeSeconds = 3;

    // Events produced ahead of the consumer, per partition: about 3 MiB of the 5 MiB the mock broker keeps.
    private const int LeadPerPartition = 10_000;

    /// <summary>10 k conversations, then ten times as many up to <paramref name="largest"/>.</summary>
    public static IReadOnlyList<int> Sizes(int largest)
    {
        var sizes = new List<int>();
        for (var n = 10_000; n <= largest; n *= 10)
        {
            sizes.Add(n);
        }

        return sizes;
    }

    public static async Task MeasureAsync(
        MockKafkaCluster broker,
        Func<string, int, int, DateTimeOffset, TimeSpan, List<ChatEventDto>> build,
        Func<ChatEventDto, (byte[]? Key, byte[] Value)> encode,
        Func<string, List<(byte[]? Key, byte[] Value)>, int, Task> produceSteady,
        BenchmarkOptions options,
        BenchmarkReport report)
    {
        report.Add($"scale: each point a silo of its own and a tenant's backlog of short conversations ({EventsPerConversation} events: open, talk, close), arriving at 500 a minute; then a probe at {ProbeRate} events/s for {ProbeSeconds} s");
        foreach (var conversations in Sizes(options.ScaleConversations))
        {
            foreach (var partitions in new[] { 1, 16, 128 })
            {
                await MeasurePointAsync(broker, build, encode, produceSteady, conversations, partitions, options.MaxInFlight, report);
                Heap.FullCollect();
            }
        }
    }

    private static async Task MeasurePointAsync(
        MockKafkaCluster broker,
        Func<string, int, int, DateTimeOffset, TimeSpan, List<ChatEventDto>> build,
        Func<ChatEventDto, (byte[]? Key, byte[] Value)> encode,
        Func<string, List<(byte[]? Key, byte[] Value)>, int, Task> produceSteady,
        int conversations,
        int partitions,
        int maxInFlight,
        BenchmarkReport report)
    {
        var topic = $"bench-scale-{conversations}-{partitions}";
        broker.CreateTopic(topic, partitions);
        broker.CreateTopic(topic + ".import", 1);
        var arrivals = TimeSpan.FromMinutes(conversations / 500.0);
        var backlog = build(Tenant, conversations, EventsPerConversation, DateTimeOffset.UtcNow - arrivals - TimeSpan.FromMinutes(30), arrivals).Select(encode).ToList();
        var events = backlog.Count;
        var heapBefore = Heap.FullCollect();

        await using var host = await PipelineHost.StartAsync(broker.BootstrapServers, topic, $"bench-scale-{conversations}-{partitions}", maxInFlight);
        var management = host.Grains.GetGrain<IManagementGrain>(0);
        using var sampling = new CancellationTokenSource();
        var peaks = SamplePeaksAsync(management, sampling.Token);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;

        // Produced while consumed, never far ahead: the mock broker keeps only a partition's last 5 MiB.
        var consuming = host.ConsumeAllAsync(events, TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(events / 2_000.0));
        await ProduceAheadAsync(broker.BootstrapServers, topic, backlog, partitions * LeadPerPartition, host.Stats, consuming);
        var elapsed = await consuming;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await sampling.CancelAsync();
        var (peakActivations, peakHeap) = await peaks;

        // Closed and released conversations leave memory on their own; what stays is what the silo keeps.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var residentBytes = Heap.FullCollect() - heapBefore;

        // The produced messages were alive at both measurements; only now may they go.
        GC.KeepAlive(backlog);
        backlog.Clear();
        backlog.TrimExcess();
        var resident = (await management.GetSimpleGrainStatistics())
            .GroupBy(s => ShortName(s.GrainType))
            .Select(g => (Type: g.Key, Count: g.Sum(s => s.ActivationCount)))
            .OrderByDescending(t => t.Count)
            .ToList();

        var stats = host.Stats;
        stats.Latency.Reset();
        var probe = build(ProbeTenant, Math.Max(1, ProbeRate * ProbeSeconds / 20), 20, DateTimeOffset.UtcNow.AddMinutes(-30), TimeSpan.FromMinutes(1)).Select(encode).ToList();
        var completedBefore = stats.Completed;
        await produceSteady(topic, probe, ProbeRate);
        await host.WaitForCompletedAsync(completedBefore + probe.Count, TimeSpan.FromMinutes(5));

        report.Add(
            $"scale {conversations} conversations, {partitions} partition(s): {events / elapsed.TotalSeconds:0} events/s ({elapsed.TotalSeconds:0.0} s, CPU {cpu.TotalMicroseconds / events:0.0} us/event); " +
            $"while running at most {peakActivations} activations and {peakHeap >> 20} MiB managed heap; after the last close {resident.Sum(t => t.Count)} activations " +
            $"({string.Join(", ", resident.Take(4).Select(t => $"{t.Type} {t.Count}"))}) and {residentBytes / 1024.0 / conversations:0.00} KiB live per conversation seen; " +
            $"probe p99 produce -> aggregated {stats.Latency.PercentileMs(0.99):0.0} ms");
    }

    private static async Task ProduceAheadAsync(string bootstrapServers, string topic, List<(byte[]? Key, byte[] Value)> messages, int lead, Silo.Ingestion.IngestionStats stats, Task consuming)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 5, BatchNumMessages = 10_000 }).Build();
        const int Chunk = 2_000;
        for (var from = 0; from < messages.Count; from += Chunk)
        {
            while (from - stats.Consumed > lead - Chunk && !consuming.IsCompleted)
            {
                await Task.Delay(2);
            }

            foreach (var (key, value) in messages.Skip(from).Take(Chunk))
            {
                producer.Produce(topic, new Message<byte[]?, byte[]> { Key = key, Value = value });
            }

            producer.Flush(TimeSpan.FromMinutes(1));
        }
    }

    // The most activations and managed heap (live and not yet collected) seen while the backlog went through.
    private static async Task<(int Activations, long Heap)> SamplePeaksAsync(IManagementGrain management, CancellationToken stop)
    {
        var (activations, heap) = (0, 0L);
        try
        {
            while (true)
            {
                activations = Math.Max(activations, await management.GetTotalActivationCount());
                heap = Math.Max(heap, GC.GetGCMemoryInfo().HeapSizeBytes);
                await Task.Delay(500, stop);
            }
        }
        catch (OperationCanceledException)
        {
            return (activations, heap);
        }
    }

    private static string ShortName(string grainType)
    {
        var name = grainType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
