using System.Text;
using Confluent.Kafka;

namespace CraftCX.Tests.Infrastructure;

/// <summary>Reads a dead-letter topic from its start with a throwaway consumer group, as an operator's tool would.</summary>
public static class DeadLetterReader
{
    public static List<ConsumeResult<byte[]?, byte[]>> Read(string bootstrapServers, string topic, int expected, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "dlq-reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var results = new List<ConsumeResult<byte[]?, byte[]>>();
        var deadline = DateTime.UtcNow + timeout;
        while (results.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } result)
            {
                results.Add(result);
            }
        }

        consumer.Close();
        return results;
    }

    public static string Header(ConsumeResult<byte[]?, byte[]> result, string name) =>
        result.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : string.Empty;
}
