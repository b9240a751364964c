using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using CraftCX.Aggregation;
using CraftCX.Conversations;
using CraftCX.Events;
using CraftCX.Scoring;
using CraftCX.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.Stream;
using Streamiz.Kafka.Net.Table;

namespace CraftCX.Benchmarks;

/// <summary>
/// The same job on Streamiz.Kafka.Net (Kafka Streams for .NET), the runtime a team could pick instead: events grouped
/// by conversation, each conversation's state in a state store and scored with the project's own processor and
/// RuleScorer, every score change re-keyed by workspace through a repartition topic and folded into the same
/// 101-bucket histograms (the old score taken out, the new one added). Same rules, so the comparison is of runtimes.
/// </summary>
internal sealed class StreamizPeer
{
    public const string ApplicationId = "bench-peer";
    private const string ConversationStore = "peer-conversations";
    private const string WorkspaceStore = "peer-workspaces";

    private readonly ChatEventParser _parser = new();
    private readonly ConversationProcessor _processor = new(RuleScorer.CreateDefault(), new ConversationOptions());
    private readonly CompiledScorecard _scorecard = CompiledScorecard.Compile(DefaultScorecard.Create());
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().AddImmutableArraysWithoutCopies().BuildServiceProvider().GetRequiredService<Serializer>();
    private readonly ConcurrentDictionary<string, int> _scores = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _workspaceConversations = new(StringComparer.Ordinal);
    private long _events;
    private long _firstTicks;
    private long _lastTicks;

    /// <summary>The topic Kafka Streams re-keys the score changes through; the mock cannot create it, so the caller does.</summary>
    public static string RepartitionTopic => $"{ApplicationId}-{WorkspaceStore}-repartition";

    /// <summary>Each conversation's last overall score, as the peer computed it.</summary>
    public IReadOnlyDictionary<string, int> Scores => _scores;

    /// <summary>Conversations counted in each workspace's histogram at the end.</summary>
    public IReadOnlyDictionary<string, long> WorkspaceConversations => _workspaceConversations;

    /// <summary>Runs the topology until every event is applied and the workspace histograms have settled.</summary>
    public async Task<(TimeSpan Elapsed, TimeSpan Cpu)> RunAsync(string bootstrapServers, string topic, long expected, int threads, TimeSpan timeout)
    {
        var config = new StreamConfig<ByteArraySerDes, ByteArraySerDes>
        {
            ApplicationId = ApplicationId,
            BootstrapServers = bootstrapServers,
            AutoOffsetReset = Confluent.Kafka.AutoOffsetReset.Earliest,
            NumStreamThreads = threads,
            // With librdkafka's default (eager range) a second thread's join fenced the first one's commit, and its
            // partitions were not processed again (measured); cooperative rebalancing keeps both threads going.
            PartitionAssignmentStrategy = Confluent.Kafka.PartitionAssignmentStrategy.CooperativeSticky,
            Logger = LoggerFactory.Create(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning)),
        };
        var builder = new StreamBuilder();
        builder.Stream<byte[], byte[]>(topic)
            .GroupByKey()
            .Aggregate(
                new StateInitializer(),
                new ConversationAggregator(this),
                InMemory.As<byte[], byte[]>(ConversationStore).WithValueSerdes<ByteArraySerDes>().WithLoggingDisabled())
            .GroupBy<byte[], byte[], ByteArraySerDes, ByteArraySerDes>((_, value, _) => KeyValuePair.Create(WorkspaceOf(value), ScoreBytes(value)))
            .Aggregate(
                new HistogramInitializer(),
                new HistogramFold(this, +1),
                new HistogramFold(this, -1),
                InMemory.As<byte[], byte[]>(WorkspaceStore).WithValueSerdes<ByteArraySerDes>().WithLoggingDisabled());

        using var stream = new KafkaStream(builder.Build(), config);
        var failed = false;
        stream.StateChanged += (_, state) => failed |= state == KafkaStream.State.ERROR;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        await stream.StartAsync();
        var deadline = Stopwatch.StartNew();
        while (Interlocked.Read(ref _events) < expected || Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastTicks)) < TimeSpan.FromMilliseconds(500))
        {
            if (failed)
            {
                throw new InvalidOperationException($"the Streamiz peer stopped in its ERROR state after {_events} of {expected} events; its log says why");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"the Streamiz peer applied {_events} of {expected} events in {timeout}");
            }

            await Task.Delay(50);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        stream.Dispose();
        return (TimeSpan.FromTicks((long)((_lastTicks - _firstTicks) * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)), cpu);
    }

    // Stage one: the conversation's state, stored as its score, its workspace and the serialized state behind them.
    private byte[] Apply(byte[] key, byte[] value, byte[] stored)
    {
        Interlocked.CompareExchange(ref _firstTicks, Stopwatch.GetTimestamp(), 0);
        Interlocked.Increment(ref _events);
        var parsed = _parser.Parse(value, Encoding.UTF8.GetString(key));
        if (parsed.Event is not { } e)
        {
            // CraftCX dead-letters it; the peer drops it, which only flatters the peer.
            return stored;
        }

        var state = stored.Length == 0 ? new ConversationState() : _serializer.Deserialize<ConversationState>(StateOf(stored)) ?? new ConversationState();
        _processor.Apply(state, e.Tenant, e.Conversation, [e], _scorecard);
        var overall = RuleScorer.Evaluate(_scorecard, state.Scorer).Overall ?? -1;
        if (overall >= 0)
        {
            _scores[e.ConversationKey] = overall;
        }

        var workspace = Encoding.UTF8.GetBytes(state.Workspace);
        var body = _serializer.SerializeToArray(state);
        var result = new byte[6 + workspace.Length + body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(result, overall);
        BinaryPrimitives.WriteInt16LittleEndian(result.AsSpan(4), (short)workspace.Length);
        workspace.CopyTo(result, 6);
        body.CopyTo(result, 6 + workspace.Length);
        return result;
    }

    // Stage two: a workspace's histogram, with the conversation's old score taken out and its new one put in.
    private byte[] Fold(byte[] workspace, byte[] score, byte[] histogram, int sign)
    {
        var overall = BinaryPrimitives.ReadInt32LittleEndian(score);
        var buckets = histogram.Length == 0 ? ScoreHistogram.Create() : Enumerable.Range(0, ScoreHistogram.Buckets).Select(i => BinaryPrimitives.ReadInt32LittleEndian(histogram.AsSpan(i * 4))).ToArray();
        if (overall >= 0)
        {
            ScoreHistogram.Add(buckets, overall, sign);
            _workspaceConversations[Encoding.UTF8.GetString(workspace)] = buckets.Sum();
        }

        Interlocked.Exchange(ref _lastTicks, Stopwatch.GetTimestamp());
        var result = new byte[ScoreHistogram.Buckets * 4];
        for (var i = 0; i < buckets.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(i * 4), buckets[i]);
        }

        return result;
    }

    private static ReadOnlySpan<byte> StateOf(byte[] stored) => stored.AsSpan(6 + BinaryPrimitives.ReadInt16LittleEndian(stored.AsSpan(4)));

    // A conversation whose events were all refused has no state yet: no workspace, no score.
    private static byte[] WorkspaceOf(byte[] stored) =>
        stored.Length == 0 ? [] : stored.AsSpan(6, BinaryPrimitives.ReadInt16LittleEndian(stored.AsSpan(4))).ToArray();

    private static byte[] ScoreBytes(byte[] stored) => stored.Length == 0 ? BitConverter.GetBytes(-1) : stored[..4];

    private sealed class StateInitializer : Initializer<byte[]>
    {
        public byte[] Apply() => [];
    }

    private sealed class HistogramInitializer : Initializer<byte[]>
    {
        public byte[] Apply() => [];
    }

    private sealed class ConversationAggregator(StreamizPeer peer) : Aggregator<byte[], byte[], byte[]>
    {
        public byte[] Apply(byte[] key, byte[] value, byte[] aggregate) => peer.Apply(key, value, aggregate);
    }

    private sealed class HistogramFold(StreamizPeer peer, int sign) : Aggregator<byte[], byte[], byte[]>
    {
        public byte[] Apply(byte[] key, byte[] value, byte[] aggregate) => peer.Fold(key, value, aggregate, sign);
    }
}
