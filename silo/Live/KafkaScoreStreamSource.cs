using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Confluent.Kafka;
using CraftCX.Api.Streaming;
using CraftCX.Silo.Kafka;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Live;

/// <summary>
/// Reads the scores topic for one streaming client: partitions assigned at the client's position (no consumer
/// group, nothing committed), each entry handed over with the position just after it.
/// </summary>
public sealed class KafkaScoreStreamSource(KafkaClientConfigs configs, IOptions<KafkaOptions> kafka) : IScoreStreamSource
{
    /// <summary>How often an idle stream sends a heartbeat carrying its position.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    public async IAsyncEnumerable<ScoreLogEntry> ReadAsync(StreamPosition? position, bool fromNow, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<ScoreLogEntry>(new BoundedChannelOptions(1000) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Factory.StartNew(
            () => Read(channel.Writer, position, fromNow, follow, stop.Token),
            stop.Token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            await foreach (var entry in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return entry;
            }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await reader;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private void Read(ChannelWriter<ScoreLogEntry> writer, StreamPosition? position, bool fromNow, bool follow, CancellationToken cancellationToken)
    {
        var topic = kafka.Value.ScoresTopicName;
        var config = configs.Consumer("craftcx-stream-" + Guid.NewGuid().ToString("N"), "craftcx-stream-reader");
        try
        {
            using var consumer = new ConsumerBuilder<byte[]?, byte[]>(config).Build();
            using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
            var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Select(p => p.PartitionId).ToList();
            var next = new SortedDictionary<int, long>();
            var ends = new Dictionary<int, long>();
            foreach (var partition in partitions)
            {
                var marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), TimeSpan.FromSeconds(10));
                ends[partition] = marks.High.Value;
                next[partition] = position?.NextOffsets.TryGetValue(partition, out var at) == true
                    ? Math.Max(at, marks.Low.Value)
                    : fromNow ? marks.High.Value : marks.Low.Value;
            }

            consumer.Assign(next.Select(p => new TopicPartitionOffset(topic, p.Key, p.Value)));
            var lastSent = DateTime.UtcNow;
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!follow && next.All(p => p.Value >= ends[p.Key]))
                {
                    break;
                }

                var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (result?.Message is null)
                {
                    if (DateTime.UtcNow - lastSent >= HeartbeatInterval)
                    {
                        Write(writer, new ScoreLogEntry(null, new StreamPosition(next)), cancellationToken);
                        lastSent = DateTime.UtcNow;
                    }

                    continue;
                }

                next[result.Partition.Value] = result.Offset.Value + 1;
                var change = JsonSerializer.Deserialize(result.Message.Value, ScoreChangeJsonContext.Default.ConversationScoreChange);
                Write(writer, new ScoreLogEntry(change, new StreamPosition(next)), cancellationToken);
                lastSent = DateTime.UtcNow;
            }

            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex is OperationCanceledException ? null : ex);
        }
    }

    private static void Write(ChannelWriter<ScoreLogEntry> writer, ScoreLogEntry entry, CancellationToken cancellationToken)
    {
        // Back-pressure from a slow client: wait for room instead of buffering without bound.
        while (!writer.TryWrite(entry))
        {
            writer.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
        }
    }
}
