using Confluent.Kafka;

namespace CraftCX.Tests.Infrastructure;

/// <summary>How far a consumer group's committed offsets are behind the end of a topic.</summary>
public static class ConsumerGroupLag
{
    /// <summary>Sum over partitions of (end offset − committed offset); zero means every event was applied.</summary>
    public static long Measure(string bootstrapServers, string topic, int partitions, string groupId)
    {
        using var reader = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = groupId }).Build();
        var all = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
        var committed = reader.Committed(all, TimeSpan.FromSeconds(10)).ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
        long lag = 0;
        foreach (var partition in all)
        {
            var end = reader.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value;
            var at = committed.GetValueOrDefault(partition.Partition.Value, Offset.Unset.Value);
            lag += at < 0 ? end : end - at;
        }

        return lag;
    }
}
