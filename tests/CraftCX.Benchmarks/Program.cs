using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CraftCX.Benchmarks;
using CraftCX.Events.Json;
using CraftCX.Silo.Demo;
using CraftCX.Silo.Ingestion;
using CraftCX.Silo.Kafka.Embedded;
using CraftCX.Testing;
using CraftCX.Tenants;

// Measures, in one run on one machine: the raw consume rate of a bare Confluent.Kafka consumer, the floor of any
// processor (a consumer that parses and validates), the same job on Streamiz.Kafka.Net (the peer),
// the end-to-end rate of the CraftCX pipeline until every aggregate is up to date, the produce-to-score
// latency at a steady rate, and the managed memory per active conversation.
var options = BenchmarkOptions.Parse(args);
var report = new BenchmarkReport(args);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
const string topic = "bench-events";
var sources = AbcdDataset.Load(Path.Combine(AppContext.BaseDirectory, "Demo", "Data", "abcd", "abcd_sample.json"));
var generator = new WorkloadGenerator(sources, options.Seed);

using var broker = MockKafkaCluster.Start();
broker.CreateTopic(topic, options.Partitions);
broker.CreateTopic(topic + ".dlq", 1);
broker.CreateTopic(topic + ".import", options.Partitions);
Console.WriteLine($"machine: {BenchmarkReport.Machine}");

var perConversation = options.Events / options.Conversations;

// A tenant with more conversations has them over a longer time, not more of them at once: arrivals at 500 a
// minute (the 5,000 of the default run within its 10 minutes), so a run with five times the conversations has as
// many open at once and the cost per event can be compared.
var arrivals = TimeSpan.FromMinutes(Math.Max(10, options.Conversations / 500.0));
var workload = generator.Build("bench", options.Conversations, perConversation, DateTimeOffset.UtcNow - arrivals - TimeSpan.FromMinutes(30), arrivals);
var messages = workload.Select(Encode).ToList();
var bytes = messages.Sum(m => (long)m.Value.Length);
var produce = ProduceAll(broker.BootstrapServers, topic, messages);
report.Add($"workload: {messages.Count} events ({bytes / messages.Count} B average), {options.Conversations} conversations arriving over {arrivals.TotalMinutes:0} minutes, {options.Partitions} partitions; produced in {produce.TotalSeconds:0.00} s ({messages.Count / produce.TotalSeconds:0} events/s)");

ComponentCosts.Measure(workload, report);

// (1) The limit: a bare consumer that only touches each message.
// Best of three runs in fresh consumer groups, after a full collection: the limit, not a noisy sample.
var raw = TimeSpan.MaxValue;
for (var run = 1; run <= 3; run++)
{
    Heap.FullCollect();
    var elapsed = RawConsume(broker.BootstrapServers, topic, messages.Count, $"bench-raw-{run}");
    report.Add($"raw consume run {run}: {messages.Count / elapsed.TotalSeconds:0} events/s ({elapsed.TotalSeconds:0.00} s)");
    raw = elapsed < raw ? elapsed : raw;
}

report.Add($"raw consume (bare Confluent.Kafka consumer, best of 3): {messages.Count / raw.TotalSeconds:0} events/s");
// (1b) The floor of any processor: a bare consumer that parses and validates each event with the contract code.
Heap.FullCollect();
var floorCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var floorMockBefore = ThreadCpu.Of(ThreadCpu.MockBroker);
var parsing = RawConsume(broker.BootstrapServers, topic, messages.Count, "bench-raw-parse", new CraftCX.Events.ChatEventParser());
var floorCpu = Process.GetCurrentProcess().TotalProcessorTime - floorCpuBefore;
var floorMock = ThreadCpu.Of(ThreadCpu.MockBroker) - floorMockBefore;
var floorRate = messages.Count / parsing.TotalSeconds;
report.Add($"the floor of any processor, a bare consumer that also parses and validates each event: {floorRate:0} events/s (CPU {floorCpu.TotalMicroseconds / messages.Count:0.0} us/event, group join included, of which the in-process mock broker's thread {floorMock.TotalMicroseconds / messages.Count:0.0} us/event)");

// (1c) The peer: the same job on Streamiz.Kafka.Net, Kafka Streams for .NET, on the same topic.
var peer = new StreamizPeer();
double peerRate;
{
    broker.CreateTopic(StreamizPeer.RepartitionTopic, options.Partitions);
    Heap.FullCollect();
    var (peerElapsed, peerCpu) = await peer.RunAsync(broker.BootstrapServers, topic, messages.Count, options.PeerThreads, TimeSpan.FromMinutes(options.Events / 20_000.0 + 1));
    peerRate = messages.Count / peerElapsed.TotalSeconds;
    var version = typeof(Streamiz.Kafka.Net.KafkaStream).Assembly.GetName().Version;
    report.Add($"the peer, Streamiz.Kafka.Net {version?.ToString(3)} (Kafka Streams for .NET; {options.PeerThreads} stream thread(s), at-least-once, in-memory stores without changelogs, the same processor and RuleScorer, workspace histograms through a repartition topic): {peerRate:0} events/s ({peerElapsed.TotalSeconds:0.00} s, CPU {peerCpu.TotalMicroseconds / messages.Count:0.0} us/event); {peer.Scores.Count} conversations scored, {peer.WorkspaceConversations.Values.Sum()} in its workspace histograms");
}

// Only the topic is needed from here on: the events in this process's heap would make its collections, and so
// the runs of more conversations, slower than the pipeline is.
var messageCount = messages.Count;
messages.Clear();
messages.TrimExcess();
workload.Clear();
workload.TrimExcess();
Heap.FullCollect();

// (2) The pipeline, in this process: silo + ingestor, until every event is applied and every aggregate has it.
// A first silo takes a smaller workload of its own beforehand and goes: the measured run is then not the one that
// compiles the code, and a run of 5,000 conversations compares with one of 25,000.
if (options.WarmupEvents > 0)
{
    var warmupTopic = topic + "-warmup";
    broker.CreateTopic(warmupTopic, options.Partitions);
    broker.CreateTopic(warmupTopic + ".import", 1);
    var warmup = generator.Build("bench-warmup", Math.Max(1, options.WarmupEvents / perConversation), perConversation, DateTimeOffset.UtcNow.AddMinutes(-40)).Select(Encode).ToList();
    ProduceAll(broker.BootstrapServers, warmupTopic, warmup);
    await using (var warm = await PipelineHost.StartAsync(broker.BootstrapServers, warmupTopic, "bench-warmup", options.MaxInFlight))
    {
        var warmElapsed = await warm.ConsumeAllAsync(warmup.Count, TimeSpan.FromMinutes(5));
        report.Add($"warm-up (not counted): {warmup.Count} events through a silo of their own, {warmup.Count / warmElapsed.TotalSeconds:0} events/s");
    }

    Heap.FullCollect();
}

await using var memory = await PipelineHost.StartAsync(broker.BootstrapServers, topic, "bench-pipeline", options.MaxInFlight);
var stats = memory.Stats;
var grains = memory.Grains;
var gcBefore = (Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2), Pause: GC.GetTotalPauseDuration(), Allocated: GC.GetTotalAllocatedBytes());
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var mockBefore = ThreadCpu.Of(ThreadCpu.MockBroker);
using var sampling = new CancellationTokenSource();
var heldPeak = SampleHeldAsync(grains, "bench", sampling.Token);
var pipeline = await memory.ConsumeAllAsync(messageCount, TimeSpan.FromMinutes(10));
var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
var mockCpu = ThreadCpu.Of(ThreadCpu.MockBroker) - mockBefore;
await sampling.CancelAsync();
var pipelineRate = messageCount / pipeline.TotalSeconds;
report.Add($"pipeline GC: gen0 {GC.CollectionCount(0) - gcBefore.Gen0}, gen1 {GC.CollectionCount(1) - gcBefore.Gen1}, gen2 {GC.CollectionCount(2) - gcBefore.Gen2}, pause {(GC.GetTotalPauseDuration() - gcBefore.Pause).TotalMilliseconds:0} ms, allocated {(GC.GetTotalAllocatedBytes() - gcBefore.Allocated) / messageCount} B/event; CPU {cpu.TotalSeconds:0.0} s = {cpu.TotalMicroseconds / messageCount:0.0} us/event, of which the in-process mock broker's thread {mockCpu.TotalMicroseconds / messageCount:0.0} us/event");
var rawRate = messageCount / raw.TotalSeconds;
report.Add($"pipeline end-to-end, memory storage (consume, validate, score, store, aggregate): {pipelineRate:0} events/s ({pipeline.TotalSeconds:0.00} s, peak in flight {memory.Ingestor.PeakInFlight}, pauses {stats.Pauses})");
report.Add($"ratio pipeline/raw: {pipelineRate / rawRate:0.000}");
report.Add($"ratios: CraftCX/floor {pipelineRate / floorRate:0.00} (target at least 0.5), CraftCX/peer {pipelineRate / peerRate:0.00} (target at least 2)");

// The comparison is of runtimes only if both computed the same: the peer's last score of a sample of conversations
// against the pipeline's conversation grains.
var sampled = peer.Scores.OrderBy(p => p.Key, StringComparer.Ordinal).Take(200).ToList();
var agreeing = 0;
foreach (var (conversationKey, peerScore) in sampled)
{
    var snapshot = await grains.GetGrain<CraftCX.Conversations.IConversationGrain>(conversationKey).GetSnapshotAsync(includeTranscript: false);
    agreeing += snapshot?.Score.Overall == peerScore ? 1 : 0;
}

report.Add($"check: the peer's overall score equals the pipeline's for {agreeing} of {sampled.Count} sampled conversations");
var tenantView = await grains.GetGrain<ITenantGrain>("bench").GetViewAsync();
var counted = tenantView!.Windows.Single(w => w.Window == "day").Conversations;
report.Add($"check: tenant 'bench' aggregate counts {counted} of {options.Conversations} conversations, {stats.DeadLettered} dead-lettered, {stats.Duplicates} duplicates");
report.Add($"aggregate state: the tenant aggregate held the contributions of at most {await heldPeak} conversations during the run (sampled twice a second) and {tenantView.HeldContributions} at the end; the others were released, their effect kept in the buckets");

// (2b) The same topic through a silo on PostgreSQL (a throwaway local server): durable storage's cost.
if (options.Postgres)
{
    await using var postgres = new ThrowawayPostgres();
    await postgres.InitializeAsync();
    // Encryption at rest off and on, each run on a fresh database. The first runs warm the JIT and PostgreSQL's
    // caches up and are not counted (the first was a third slower); the counted ones go off, on, on, off, off, on...
    // so that any remaining drift falls on both sides alike.
    var plan = Enumerable.Range(0, options.PostgresWarmupRuns).Select(i => (Counted: false, Sealing: i % 2 == 1))
        .Concat(Enumerable.Range(0, options.PostgresRuns).Select(i => (Counted: true, Sealing: (i % 4) is 1 or 2)))
        .ToList();
    var runs = new List<(bool Sealing, double Rate, double CpuPerEvent, double ServerCpuPerEvent)>();
    for (var run = 1; run <= plan.Count; run++)
    {
        var (isCounted, sealing) = plan[run - 1];
        var connectionString = await postgres.CreateDatabaseAsync($"bench_{run}");

        // Each run starts from a checkpoint, so that it does not pay for the previous runs' writes. A stopped silo
        // closes its connections (PostgresPoolRelease); before it did, the pools of earlier runs filled max_connections
        // and every refused connect forked a backend: the server's CPU per event rose 5-9 times. The report line
        // "server connections open" shows they stay at one run's pool.
        await postgres.CheckpointAsync();
        await using var durable = await PipelineHost.StartAsync(broker.BootstrapServers, topic, $"bench-pipeline-postgres-{run}", options.MaxInFlight, new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString + ";Maximum Pool Size=100",
            ["Storage:MigrateOnStart"] = "true",
            ["Encryption:Enabled"] = sealing ? "true" : "false",
        });
        var durableCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var serverCpuBefore = postgres.ServerCpuTime();
        var elapsed = await durable.ConsumeAllAsync(messageCount, TimeSpan.FromMinutes(20));
        var durableCpu = Process.GetCurrentProcess().TotalProcessorTime - durableCpuBefore;
        var serverCpu = postgres.ServerCpuTime() - serverCpuBefore;
        var durableRate = messageCount / elapsed.TotalSeconds;
        var measured = (sealing, durableRate, durableCpu.TotalMicroseconds / messageCount, serverCpu.TotalMicroseconds / messageCount);
        if (isCounted)
        {
            runs.Add(measured);
        }

        var durableView = await durable.Grains.GetGrain<ITenantGrain>("bench").GetViewAsync();
        var label = (sealing ? "encryption at rest on" : "encryption off") + (isCounted ? string.Empty : " (warm-up, not counted)");
        report.Add($"pipeline end-to-end, PostgreSQL storage, run {run} of {plan.Count}, {label}: {durableRate:0} events/s ({elapsed.TotalSeconds:0.00} s, {measured.Item3:0.0} us CPU/event in this process, {measured.Item4:0.0} in the server); ratio to memory mode {durableRate / pipelineRate:0.00}; tenant aggregate holds {durableView!.Windows.Single(w => w.Window == "day").Conversations} conversations");
        using (var self = Process.GetCurrentProcess())
        {
            report.Add($"  this process: {self.Threads.Count} threads, managed heap {GC.GetGCMemoryInfo().HeapSizeBytes >> 20} MiB; {await ConnectionCountAsync(postgres.AdminConnectionString)} server connections open");
        }

        report.Add($"  PostgreSQL writes: {await CountWritesAsync(connectionString)} row writes for {messageCount} events (state written once per conversation batch and aggregate flush); {await PayloadBytesAsync(connectionString, elapsed)}");
        Heap.FullCollect();
    }

    var modes = runs.GroupBy(r => r.Sealing).ToDictionary(g => g.Key, g => (
        Rate: g.Average(r => r.Rate),
        Low: g.Min(r => r.Rate),
        High: g.Max(r => r.Rate),
        Cpu: g.Average(r => r.CpuPerEvent + r.ServerCpuPerEvent)));
    var (on, off) = (modes[true], modes[false]);
    report.Add($"ratio PostgreSQL/memory (counted runs, encryption off): {off.Rate / pipelineRate:0.00} (target at least 0.6)");
    report.Add($"encryption at rest, PostgreSQL mode ({runs.Count / 2} counted runs each): on {on.Rate:0} events/s (runs {on.Low:0}-{on.High:0}), off {off.Rate:0} (runs {off.Low:0}-{off.High:0}); throughput on/off {on.Rate / off.Rate:0.00} (cost {(1 - (on.Rate / off.Rate)) * 100:0.0}%, target at most 10%); CPU per event, this process and the server, on {on.Cpu:0.0} us, off {off.Cpu:0.0} us; data keys unwrapped once per tenant and Encryption:KeyCacheTtl, never per event");
}

// (2c) The AI assessor must not slow ingestion down.
if (options.Ai)
{
    const string aiTopic = topic + "-ai";
    broker.CreateTopic(aiTopic, options.Partitions);
    var aiWorkload = generator.Build("bench", options.Conversations * options.AiScale, perConversation, DateTimeOffset.UtcNow.AddMinutes(-40)).Select(Encode).ToList();
    ProduceAll(broker.BootstrapServers, aiTopic, aiWorkload);

    await AiThroughput.MeasureAsync(broker.BootstrapServers, aiTopic, aiWorkload.Count, options, report);
    Heap.FullCollect();
}

// (2d) Retention: indexing closes, a sweep's pace, and whether it slows ingestion that goes on meanwhile.
if (options.RetentionConversations > 0)
{
    const string retentionTopic = topic + "-retention";
    broker.CreateTopic(retentionTopic, options.Partitions);
    await RetentionCost.MeasureAsync(
        broker.BootstrapServers,
        retentionTopic,
        (tenant, count) => generator.Build(tenant, count, 8, DateTimeOffset.UtcNow.AddMinutes(-40)),
        Encode,
        (name, batch) => ProduceAll(broker.BootstrapServers, name, batch),
        options.RetentionConversations,
        options.MaxInFlight,
        report);
    Heap.FullCollect();
}

// (3) Latency at a steady rate: produce time to applied-and-aggregated, per event.
stats.Latency.Reset();
var before = stats.Completed;
var steady = generator.Build("bench-latency", Math.Max(1, options.LatencyRate * options.LatencySeconds / 20), 20, DateTimeOffset.UtcNow.AddMinutes(-30));
using (var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, LingerMs = 1 }).Build())
{
    await ProduceSteadyAsync(producer, topic, steady.Select(Encode).ToList(), options.LatencyRate);
}

await memory.WaitForCompletedAsync(before + steady.Count, TimeSpan.FromMinutes(5));
report.Add($"latency produce -> score applied and aggregated at {options.LatencyRate} events/s: p50 {stats.Latency.PercentileMs(0.5):0.0} ms, p99 {stats.Latency.PercentileMs(0.99):0.0} ms ({stats.Latency.Count} events)");

// (3a) Backfill: 60 days of conversations on the import topic, alone and beside live traffic.
if (options.ImportConversations > 0)
{
    Heap.FullCollect();
    await ImportThroughput.MeasureAsync(
        memory,
        topic + ".import",
        (tenant, count, start, spread) => generator.Build(tenant, count, perConversation, start, spread),
        Encode,
        (name, batch) => ProduceAll(broker.BootstrapServers, name, batch),
        async (batch, rate) =>
        {
            using var liveProducer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, LingerMs = 1 }).Build();
            await ProduceSteadyAsync(liveProducer, topic, batch, rate);
        },
        options,
        report);
}

// Conversations of 20 events over the round, so each conversation's events are seconds apart (batches of one).
List<ChatEventDto> LiveWorkload(string tenant, int seconds, string conversationSuffix)
{
    var live = generator.Build(tenant, Math.Max(1, options.LiveRate * seconds / 20), 20, DateTimeOffset.UtcNow.AddMinutes(-30));
    foreach (var e in live)
    {
        e.Workspace = "live";
        e.Conversation += conversationSuffix;
    }

    return live;
}

// Each live round on a topic and a silo of its own: the mock broker finds a fetch's offset by walking the
// partition's message sets one by one, and a live producer writes one set per event, so on a shared topic every
// round made the next one's broker work (and its latency) grow.
async Task<LiveLatency.LiveLatencyResult> LiveRoundAsync(string liveTopic, List<ChatEventDto> live, LatencyBreakdown? breakdown)
{
    broker.CreateTopic(liveTopic, options.Partitions);
    broker.CreateTopic(liveTopic + ".dlq", 1);
    broker.CreateTopic(liveTopic + ".scores", 4);
    broker.CreateTopic(liveTopic + ".import", 1);
    await using var host = await PipelineHost.StartAsync(broker.BootstrapServers, liveTopic, liveTopic, options.MaxInFlight);
    await host.StartConsumingAsync(options.Partitions, TimeSpan.FromMinutes(1));
    return await LiveLatency.MeasureAsync(host, broker.BootstrapServers, liveTopic, live, options.LiveRate, breakdown);
}

// (3b) Live surfaces at a steady rate: a SignalR client and a streaming-API client, timed from produce. Warm-up
// rounds first, in a tenant of their own, until the JIT is quiet: measured, tiering of the hub, stream and
// single-event code compiled about 5,000 methods over the first 10 s, and a fixed 3 s warm-up left that in the figures.
if (options.LiveSeconds > 0)
{
    var warmups = 0;
    var warmupJit = new List<long>();
    while (warmups < LiveWarmup.MaxRounds)
    {
        var round = await LiveRoundAsync($"bench-live-warmup-{warmups}", LiveWorkload("bench-live-warmup", LiveWarmup.RoundSeconds, $"-w{warmups}"), null);
        warmups++;
        warmupJit.Add(round.MethodsCompiled);
        if (warmupJit[^1] < LiveWarmup.QuietMethods)
        {
            break;
        }
    }

    report.Add($"live warm-up (not counted): {warmups} round(s) of {LiveWarmup.RoundSeconds} s at {options.LiveRate} events/s until a round compiled fewer than {LiveWarmup.QuietMethods} methods while its events flowed (a new silo's start compiles its own); compiled per round: {string.Join(", ", warmupJit)}");

    // A last round with tracing on says where the time goes; spans cost a little, so it is not the headline figure.
    foreach (var (tenant, seconds, measured, traced) in new[] { ("bench-live", options.LiveSeconds, true, false), ("bench-live-traced", options.LiveSeconds, false, true) })
    {
        var live = LiveWorkload(tenant, seconds, string.Empty);

        using var breakdown = traced ? new LatencyBreakdown() : null;
        var (hub, stream, hubMessagesPerSecond, liveCpu, liveMockCpu, _) = await LiveRoundAsync(tenant, live, breakdown);
        if (breakdown is not null)
        {
            report.Add($"where the live latency goes at {options.LiveRate} events/s, tracing on (each stage measured from produce; spans link at most 32 events each):");
            foreach (var line in breakdown.Report())
            {
                report.Add(line);
            }

            report.Add($"  streaming-API client received: p50 {stream.PercentileMs(0.5):0.0} ms, p99 {stream.PercentileMs(0.99):0.0} ms; SignalR client received: p50 {hub.PercentileMs(0.5):0.0} ms, p99 {hub.PercentileMs(0.99):0.0} ms");
        }

        if (measured)
        {
            report.Add($"latency produce -> SignalR client at {options.LiveRate} events/s for {seconds} s: p50 {hub.PercentileMs(0.5):0.0} ms, p99 {hub.PercentileMs(0.99):0.0} ms ({hub.Count} coalesced changes received in {hubMessagesPerSecond:0.0} hub messages/s)");
            report.Add($"latency produce -> streaming-API client at {options.LiveRate} events/s for {seconds} s: p50 {stream.PercentileMs(0.5):0.0} ms, p99 {stream.PercentileMs(0.99):0.0} ms ({stream.Count} changes received)");
            report.Add($"CPU per live event at {options.LiveRate} events/s (events of one conversation seconds apart, so batches of one; the clients' reading included): {liveCpu:0} us, and {liveMockCpu:0} us more in the in-process mock broker's thread (its fetch walks a partition's message sets one by one; each round has a topic of its own)");
        }
    }
}

// (3c) What the score stream costs its clients: per delivered change, with one client and with many.
if (options.StreamClients > 0)
{
    Heap.FullCollect();
    await StreamFanout.MeasureAsync(memory, broker.BootstrapServers, topic + ".scores", options.StreamClients, options.StreamChanges, report);
}

// (4) Managed memory per active conversation with a 20-message transcript. Two rounds: the first warms the
// pools and buffers that a busy silo keeps anyway; the second round's growth is what conversations cost.
steady.Clear();
steady.TrimExcess();
for (var round = 1; round <= 2; round++)
{
    var tenant = $"bench-memory-{round}";
    // Active: still open (a closed conversation leaves memory once its aggregates have it).
    var memoryWorkload = generator.Build(tenant, options.MemoryConversations, 24, DateTimeOffset.UtcNow.AddMinutes(-20));
    memoryWorkload.RemoveAll(e => e.Type == "conversation.closed");
    var encoded = memoryWorkload.Select(Encode).ToList();
    var messagesPerConversation = memoryWorkload.Count(e => e.Type == "message.created") / (double)options.MemoryConversations;
    var last = memoryWorkload[^1].Conversation;
    memoryWorkload.Clear();
    var heapBefore = Heap.FullCollect();
    before = stats.Completed;
    ProduceAll(broker.BootstrapServers, topic, encoded);

    await memory.WaitForCompletedAsync(before + encoded.Count, TimeSpan.FromMinutes(5));
    await Task.Delay(1000);
    var heapAfter = Heap.FullCollect();

    // The produced messages were alive at both measurements; only now may they go.
    GC.KeepAlive(encoded);
    var probe = await grains.GetGrain<CraftCX.Conversations.IConversationGrain>($"{tenant}/{last}").GetSnapshotAsync(includeTranscript: true);
    var activations = await grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
    report.Add(
        $"managed memory per active conversation, round {round} ({messagesPerConversation:0.0} messages each, transcript of {probe?.Transcript?.Count} kept; state, scores, aggregates, stored copy): " +
        $"{(heapAfter - heapBefore) / 1024.0 / options.MemoryConversations:0.0} KiB ({activations} activations in the silo)");
}

// (5) The cost of scale: conversations and partitions, each point on a silo of its own.
if (options.ScaleConversations > 0)
{
    Heap.FullCollect();
    await ScaleCurve.MeasureAsync(
        broker,
        (tenant, count, events, start, spread) => generator.Build(tenant, count, events, start, spread),
        Encode,
        async (name, batch, rate) =>
        {
            using var scaleProducer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, LingerMs = 1 }).Build();
            await ProduceSteadyAsync(scaleProducer, name, batch, rate);
        },
        options,
        report);
}

report.Write(options.Report);
return;

static (byte[]? Key, byte[] Value) Encode(ChatEventDto e) =>
    (Encoding.UTF8.GetBytes($"{e.Tenant}/{e.Conversation}"), JsonSerializer.SerializeToUtf8Bytes(e, ChatEventJsonContext.Default.ChatEventDto));

// Produces every message as fast as the client takes them, flushes, and returns how long that took.
static TimeSpan ProduceAll(string bootstrapServers, string topicName, List<(byte[]? Key, byte[] Value)> messages)
{
    using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 5, BatchNumMessages = 10_000 }).Build();
    var watch = Stopwatch.StartNew();
    foreach (var (key, value) in messages)
    {
        while (true)
        {
            try
            {
                producer.Produce(topicName, new Message<byte[]?, byte[]> { Key = key, Value = value });
                break;
            }
            catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    producer.Flush(TimeSpan.FromMinutes(2));
    return watch.Elapsed;
}

static async Task ProduceSteadyAsync(IProducer<byte[]?, byte[]> producer, string topicName, List<(byte[]? Key, byte[] Value)> messages, int rate)
{
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < messages.Count; i++)
    {
        var due = TimeSpan.FromSeconds((double)i / rate);
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.FromMilliseconds(2))
        {
            await Task.Delay(wait);
        }

        producer.Produce(topicName, new Message<byte[]?, byte[]> { Key = messages[i].Key, Value = messages[i].Value });
    }

    producer.Flush(TimeSpan.FromMinutes(1));
}

// The most conversations the aggregate held at once while the run went on.
static async Task<int> SampleHeldAsync(IGrainFactory grains, string tenant, CancellationToken stop)
{
    var peak = 0;
    try
    {
        while (true)
        {
            if (await grains.GetGrain<ITenantGrain>(tenant).GetViewAsync() is { } view)
            {
                peak = Math.Max(peak, view.HeldContributions);
            }

            await Task.Delay(500, stop);
        }
    }
    catch (OperationCanceledException)
    {
        return peak;
    }
}

static TimeSpan RawConsume(string bootstrap, string topic, int expected, string groupId, CraftCX.Events.ChatEventParser? parser = null)
{
    using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
    {
        BootstrapServers = bootstrap,
        GroupId = groupId,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
    }).Build();
    consumer.Subscribe(topic);

    // Timed from the first message on, as the pipeline is: joining the consumer group is not throughput.
    var watch = new Stopwatch();
    long touched = 0;
    var count = 0;
    while (count < expected)
    {
        if (consumer.Consume(TimeSpan.FromSeconds(1)) is { Message: not null } result)
        {
            watch.Start();
            touched += parser is null ? result.Message.Value.Length : parser.Parse(result.Message.Value).IsValid ? 1 : 0;
            count++;
        }
    }

    watch.Stop();
    consumer.Close();
    return touched > 0 ? watch.Elapsed : TimeSpan.Zero;
}

// What the conversation rows weigh: their bytes, and what PostgreSQL stores for them (after its own compression).
static async Task<string> PayloadBytesAsync(string connectionString, TimeSpan elapsed)
{
    await using var connection = new Npgsql.NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new Npgsql.NpgsqlCommand(
        "SELECT coalesce(avg(octet_length(payloadbinary)), 0), coalesce(avg(pg_column_size(payloadbinary)), 0), pg_total_relation_size('orleansstorage') FROM orleansstorage WHERE graintypestring = 'conversation'",
        connection);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    var conversations = $"conversation rows {Convert.ToDouble(reader[0]):0} B each, {Convert.ToDouble(reader[1]):0} B as stored; table with TOAST {Convert.ToInt64(reader[2]) / 1024 / 1024} MiB";
    await reader.CloseAsync();

    // What every aggregate flush and history send rewrites (issue 13): the aggregate grains' rows and their history
    // chunks; a row's version counts its writes, so the writes per second are over the run.
    await using var aggregates = new Npgsql.NpgsqlCommand(
        "SELECT graintypestring, count(*), avg(octet_length(payloadbinary)), max(octet_length(payloadbinary)), sum(version) FROM orleansstorage WHERE graintypestring IN ('tenant-aggregate', 'workspace', 'agent', 'history-chunk') GROUP BY graintypestring ORDER BY graintypestring",
        connection);
    await using var rows = await aggregates.ExecuteReaderAsync();
    var sizes = new List<string>();
    while (await rows.ReadAsync())
    {
        var writes = Convert.ToInt64(rows[4]);
        sizes.Add($"{rows.GetString(0)} {rows.GetInt64(1)} rows of {Convert.ToDouble(rows[2]) / 1024:0.0} KiB (largest {Convert.ToInt64(rows[3]) / 1024.0:0.0} KiB), {writes} writes ({writes / elapsed.TotalSeconds:0}/s)");
    }

    return conversations + "; aggregate and history rows, each write rewriting its row: " + string.Join(", ", sizes);
}

static async Task<long> CountWritesAsync(string connectionString)
{
    await using var connection = new Npgsql.NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new Npgsql.NpgsqlCommand("SELECT coalesce(sum(version), 0) FROM orleansstorage", connection);
    return Convert.ToInt64(await command.ExecuteScalarAsync());
}


static async Task<long> ConnectionCountAsync(string adminConnectionString)
{
    await using var connection = new Npgsql.NpgsqlConnection(adminConnectionString);
    await connection.OpenAsync();
    await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'", connection);
    return Convert.ToInt64(await command.ExecuteScalarAsync());
}
