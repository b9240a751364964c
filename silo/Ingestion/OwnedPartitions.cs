using Confluent.Kafka;

namespace CraftCX.Silo.Ingestion;

/// <summary>
/// The partitions this silo's consumer owns and, for each, which offsets are done: what may be committed, what a
/// revoke must wait for. Pure bookkeeping: the ingestor does the committing.
/// </summary>
internal sealed class OwnedPartitions
{
    private readonly Dictionary<TopicPartition, PartitionOffsetTracker> _trackers = [];

    public int Count => _trackers.Count;

    public IReadOnlyCollection<TopicPartition> Partitions => _trackers.Keys;

    /// <summary>The partition's tracker; one is made for a partition seen before its assignment was reported.</summary>
    public PartitionOffsetTracker Tracker(TopicPartition partition)
    {
        if (!_trackers.TryGetValue(partition, out var tracker))
        {
            tracker = new PartitionOffsetTracker();
            _trackers[partition] = tracker;
        }

        return tracker;
    }

    public void Assign(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            Tracker(partition);
        }
    }

    /// <summary>Completes when every event in flight on these partitions (all when null) is done.</summary>
    public bool WaitDrained(TimeSpan timeout, IEnumerable<TopicPartition>? partitions = null) =>
        Task.WaitAll(Trackers(partitions).Select(t => t.WhenDrainedAsync()).ToArray(), timeout);

    /// <summary>The offsets to commit for these partitions (all when null): done further than last committed.</summary>
    public IReadOnlyList<TopicPartitionOffset> Committable(IEnumerable<TopicPartition>? partitions = null)
    {
        var offsets = new List<TopicPartitionOffset>();
        foreach (var partition in (partitions ?? _trackers.Keys).ToList())
        {
            if (_trackers.GetValueOrDefault(partition) is { } tracker
                && tracker.CommittableOffset() is { } offset
                && offset != tracker.LastCommitted)
            {
                offsets.Add(new TopicPartitionOffset(partition, new Offset(offset)));
            }
        }

        return offsets;
    }

    public void MarkCommitted(IEnumerable<TopicPartitionOffset> offsets)
    {
        foreach (var offset in offsets)
        {
            if (_trackers.TryGetValue(offset.TopicPartition, out var tracker))
            {
                tracker.LastCommitted = offset.Offset.Value;
            }
        }
    }

    /// <summary>Gives partitions up (all when null): their events still in flight will not be committed here.</summary>
    public void Release(IEnumerable<TopicPartition>? partitions = null)
    {
        foreach (var partition in (partitions ?? _trackers.Keys).ToList())
        {
            if (_trackers.Remove(partition, out var tracker))
            {
                tracker.MarkRevoked();
            }
        }
    }

    private IEnumerable<PartitionOffsetTracker> Trackers(IEnumerable<TopicPartition>? partitions) =>
        partitions is null ? _trackers.Values : partitions.Select(p => _trackers.GetValueOrDefault(p)).OfType<PartitionOffsetTracker>();
}
