using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Confluent.Kafka;
using CraftCX.Api.ScoreStream;
using CraftCX.ScoreChanges;
using CraftCX.Silo.Kafka;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.ScoreLog;

/// <summary>
/// Serves one tenant's entries of the scores topic. A following client reads what it missed with a reader of its
/// own (partitions assigned at its position, no consumer group, nothing committed) up to where the silo's shared
/// <see cref="ScoreLogTail"/> began listening for it, then takes its tenant's new entries from the tail.
/// </summary>
internal sealed class KafkaScoreStreamSource(KafkaClientConfigs configs, IOptions<KafkaOptions> kafka, ScoreLogTail tail, TimeProvider time) : IScoreStreamSource
{
    /// <summary>How often an idle stream sends a heartbeat carrying its position.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    public async IAsyncEnumerable<ScoreLogEntry> ReadAsync(string tenant, StreamPosition? position, bool fromNow, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!follow)
        {
            await foreach (var entry in ReadLogAsync(tenant, position, fromNow, until: null, cancellationToken))
            {
                yield return entry;
            }

            yield break;
        }

        // Listening starts before the catch-up, so that nothing written meanwhile is missed.
        using var subscription = await tail.SubscribeAsync(tenant, cancellationToken);
        var next = new SortedDictionary<int, long>(subscription.Start.ToDictionary(p => p.Key, p => p.Value));
        if (fromNow)
        {
            // At once, so that the client has headers and a cursor before the first change.
            yield return new ScoreLogEntry(null, new StreamPosition(next));
        }
        else
        {
            await foreach (var entry in ReadLogAsync(tenant, position, fromNow: false, until: subscription.Start, cancellationToken))
            {
                foreach (var (partition, offset) in entry.After.NextOffsets)
                {
                    next[partition] = Math.Max(next.GetValueOrDefault(partition), offset);
                }

                yield return entry;
            }
        }

        await foreach (var item in subscription.Items.ReadAllAsync(cancellationToken))
        {
            if (item.Change is null)
            {
                foreach (var (partition, offset) in item.Position!)
                {
                    next[partition] = Math.Max(next.GetValueOrDefault(partition), offset);
                }

                yield return new ScoreLogEntry(null, new StreamPosition(next));
                continue;
            }

            // Already served by the catch-up (a client's cursor can be ahead of this silo's tail).
            if (item.Offset < next.GetValueOrDefault(item.Partition))
            {
                continue;
            }

            next[item.Partition] = item.Offset + 1;
            yield return new ScoreLogEntry(item.Change, new StreamPosition(next));
        }
    }

    public Task<StreamPosition?> FindGapAsync(StreamPosition position, CancellationToken cancellationToken) => Task.Run(() =>
    {
        var topic = kafka.Value.ScoresTopicName;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(configs.Consumer("craftcx-stream-check-" + Guid.NewGuid().ToString("N"), "craftcx-stream-check")).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Select(p => p.PartitionId);
        var earliest = partitions.ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).Low.Value);
        // Where the cursor is still readable it stays; only the partitions that lost entries move to their start.
        return earliest.Any(p => position.NextOffsets.TryGetValue(p.Key, out var at) && at < p.Value)
            ? new StreamPosition(earliest.ToDictionary(p => p.Key, p => Math.Max(p.Value, position.NextOffsets.GetValueOrDefault(p.Key))))
            : null;
    }, cancellationToken);

    /// <summary>
    /// Reads the log from a position up to <paramref name="until"/> (null: its current end, or for ever when called
    /// by the catch-up of a following client); ends with a heartbeat carrying the position reached.
    /// </summary>
    private async IAsyncEnumerable<ScoreLogEntry> ReadLogAsync(string tenant, StreamPosition? position, bool fromNow, IReadOnlyDictionary<int, long>? until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<ScoreLogEntry>(new BoundedChannelOptions(1000) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Factory.StartNew(
            () => Read(channel.Writer, tenant, position, fromNow, until, stop.Token),
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

    private void Read(ChannelWriter<ScoreLogEntry> writer, string tenant, StreamPosition? position, bool fromNow, IReadOnlyDictionary<int, long>? until, CancellationToken cancellationToken)
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
                ends[partition] = until?.GetValueOrDefault(partition, marks.High.Value) ?? marks.High.Value;

                // A cursor older than the log was answered 410 before the stream began; Max only guards a race with retention.
                next[partition] = position?.NextOffsets.TryGetValue(partition, out var at) == true
                    ? Math.Max(at, marks.Low.Value)
                    : fromNow ? marks.High.Value : marks.Low.Value;
            }

            consumer.Assign(next.Where(p => p.Value < ends[p.Key]).Select(p => new TopicPartitionOffset(topic, p.Key, p.Value)));
            var lastSent = time.GetUtcNow();
            while (!cancellationToken.IsCancellationRequested && !next.All(p => p.Value >= ends[p.Key]))
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                ConversationScoreChange? change = null;
                if (result?.Message is { } message)
                {
                    next[result.Partition.Value] = result.Offset.Value + 1;

                    // Other tenants' records are skipped by their key, without decoding them.
                    change = ScoreLogTail.TenantOf(message.Key) == tenant ? ScoreLogTail.Decode(message.Value) : null;
                }

                if (change is null || change.Tenant != tenant)
                {
                    // Idle, or only others' records: a heartbeat now and then carries the position forward.
                    if (time.GetUtcNow() - lastSent >= HeartbeatInterval)
                    {
                        Write(writer, new ScoreLogEntry(null, new StreamPosition(next)), cancellationToken);
                        lastSent = time.GetUtcNow();
                    }

                    continue;
                }

                Write(writer, new ScoreLogEntry(change, new StreamPosition(next)), cancellationToken);
                lastSent = time.GetUtcNow();
            }

            if (!cancellationToken.IsCancellationRequested)
            {
                Write(writer, new ScoreLogEntry(null, new StreamPosition(next)), cancellationToken);
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
