using System.Text.Json;
using System.Threading.Channels;
using Confluent.Kafka;
using CraftCX.ScoreChanges;
using CraftCX.Silo.Kafka;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.ScoreLog;

/// <summary>
/// One reader per silo of the end of the scores topic, shared by every following stream client: each record is read
/// once, routed by the tenant in its key and decoded only when that tenant has listeners, so a client's cost holds
/// its own tenant's changes, not everyone's. Started on the first subscription, and again after a failure.
/// </summary>
internal sealed partial class ScoreLogTail(KafkaClientConfigs configs, IOptions<KafkaOptions> kafka, TimeProvider time, ILogger<ScoreLogTail> logger) : IDisposable
{
    /// <summary>Items a listener may have waiting; a listener that falls further behind is closed and resumes from its cursor.</summary>
    public const int ListenerCapacity = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<Listener>> _byTenant = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Dictionary<int, long>? _next;
    private Task? _starting;
    private Task? _reader;
    private bool _alive;
    private bool _disposed;

    /// <summary>Listens to a tenant's new entries; <see cref="Subscription.Start"/> is where they begin.</summary>
    public async Task<Subscription> SubscribeAsync(string tenant, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task starting;
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_alive)
                {
                    // Registered under the lock that dispatch holds, so Start is exactly where this listener's entries begin.
                    var listener = new Listener(Channel.CreateBounded<TailItem>(new BoundedChannelOptions(ListenerCapacity) { SingleReader = true, SingleWriter = true }));
                    if (!_byTenant.TryGetValue(tenant, out var listeners))
                    {
                        _byTenant[tenant] = listeners = [];
                    }

                    listeners.Add(listener);
                    return new Subscription(new Dictionary<int, long>(_next!), listener.Items.Reader, () => Remove(tenant, listener));
                }

                // One start at a time, off the request thread and outside the lock (it waits on the brokers).
                starting = _starting ??= Task.Run(Start);
            }

            try
            {
                await starting.WaitAsync(cancellationToken);
            }
            catch when (!cancellationToken.IsCancellationRequested)
            {
                lock (_lock)
                {
                    // A failed start is not remembered: the next subscriber tries again.
                    if (ReferenceEquals(_starting, starting))
                    {
                        _starting = null;
                    }
                }

                throw;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        _stop.Cancel();
        try
        {
            _reader?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private void Start()
    {
        // The start position is read here, so that the first subscriber already gets it.
        var consumer = new ConsumerBuilder<byte[]?, byte[]>(configs.Consumer("craftcx-tail-" + Guid.NewGuid().ToString("N"), "craftcx-score-tail")).Build();
        try
        {
            var topic = kafka.Value.ScoresTopicName;
            using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
            var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Select(p => p.PartitionId).ToList();
            var next = partitions.ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
            consumer.Assign(next.Select(p => new TopicPartitionOffset(topic, p.Key, p.Value)));
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                _next = next;
                _alive = true;
                _reader = Task.Factory.StartNew(() => Run(consumer), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
        }
        catch
        {
            consumer.Dispose();
            throw;
        }
    }

    private void Run(IConsumer<byte[]?, byte[]> consumer)
    {
        using (consumer)
        {
            var lastHeartbeat = time.GetUtcNow();
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                    var now = time.GetUtcNow();
                    if (result?.Message is { } message)
                    {
                        Dispatch(result.Partition.Value, result.Offset.Value, message);
                    }

                    if (now - lastHeartbeat >= KafkaScoreStreamSource.HeartbeatInterval)
                    {
                        lastHeartbeat = now;
                        Heartbeat();
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
                CloseAll(ex);
                return;
            }

            // Stopped with the silo: the streams end, and their clients resume elsewhere from their cursors.
            CloseAll(null);
        }
    }

    private void Dispatch(int partition, long offset, Message<byte[]?, byte[]> message)
    {
        var tenant = TenantOf(message.Key);
        lock (_lock)
        {
            _next![partition] = offset + 1;
            if (tenant is null || !_byTenant.TryGetValue(tenant, out var listeners))
            {
                return;
            }

            if (Decode(message.Value) is not { } change || change.Tenant != tenant)
            {
                return;
            }

            var item = new TailItem(change, partition, offset, null);
            foreach (var listener in listeners.ToArray())
            {
                Offer(tenant, listener, item);
            }
        }
    }

    private void Heartbeat()
    {
        lock (_lock)
        {
            if (_byTenant.Count == 0)
            {
                return;
            }

            var item = new TailItem(null, -1, -1, new Dictionary<int, long>(_next!));
            foreach (var (tenant, listeners) in _byTenant.ToArray())
            {
                foreach (var listener in listeners.ToArray())
                {
                    Offer(tenant, listener, item);
                }
            }
        }
    }

    private void Offer(string tenant, Listener listener, TailItem item)
    {
        if (!listener.Items.Writer.TryWrite(item))
        {
            // Too slow to keep up: closed rather than buffered without bound; the client resumes from its cursor.
            listener.Items.Writer.TryComplete(new SlowListenerException());
            RemoveLocked(tenant, listener);
        }
    }

    private void Remove(string tenant, Listener listener)
    {
        lock (_lock)
        {
            RemoveLocked(tenant, listener);
        }
    }

    private void RemoveLocked(string tenant, Listener listener)
    {
        if (_byTenant.TryGetValue(tenant, out var listeners) && listeners.Remove(listener) && listeners.Count == 0)
        {
            _byTenant.Remove(tenant);
        }
    }

    /// <summary>A score change, or null for a record that is not one (skipped: one bad record must not end every stream).</summary>
    internal static ConversationScoreChange? Decode(byte[]? value)
    {
        try
        {
            return value is null ? null : JsonSerializer.Deserialize(value, ScoreChangeJsonContext.Default.ConversationScoreChange);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void CloseAll(Exception? error)
    {
        lock (_lock)
        {
            // The next subscriber starts a new reader.
            _alive = false;
            _starting = null;
            foreach (var listener in _byTenant.Values.SelectMany(l => l))
            {
                listener.Items.Writer.TryComplete(error);
            }

            _byTenant.Clear();
        }
    }

    /// <summary>The tenant of a scores record, from its key "tenant/workspace", without decoding the value.</summary>
    internal static string? TenantOf(byte[]? key)
    {
        var slash = key is null ? -1 : Array.IndexOf(key, (byte)'/');
        return slash > 0 ? System.Text.Encoding.UTF8.GetString(key!, 0, slash) : null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The score log tail stopped; its stream clients were closed and may resume from their cursors")]
    private partial void LogFailed(Exception exception);

    /// <summary>A tenant's change at (partition, offset), or a heartbeat with the tail's position.</summary>
    public sealed record TailItem(ConversationScoreChange? Change, int Partition, long Offset, IReadOnlyDictionary<int, long>? Position);

    /// <summary>Where a listener's entries begin, the entries, and how to stop listening.</summary>
    public sealed class Subscription(IReadOnlyDictionary<int, long> start, ChannelReader<TailItem> items, Action unsubscribe) : IDisposable
    {
        public IReadOnlyDictionary<int, long> Start { get; } = start;

        public ChannelReader<TailItem> Items { get; } = items;

        public void Dispose() => unsubscribe();
    }

    /// <summary>Ends the stream of a listener that fell <see cref="ListenerCapacity"/> items behind.</summary>
    public sealed class SlowListenerException() : Exception("The stream client fell too far behind the score log; resume from the last cursor.");

    private sealed record Listener(Channel<TailItem> Items);
}
