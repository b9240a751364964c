using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using CraftCX.Api.Ingestion;
using CraftCX.Silo.Kafka;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Ingestion;

/// <summary>Writes events accepted over HTTP to the events (or import) topic, keyed by tenant/conversation, so they follow the Kafka path.</summary>
internal sealed class KafkaEventIngress(SharedKafkaProducer producer, IOptions<KafkaOptions> kafka) : IEventIngress
{
    public async Task SubmitAsync(IReadOnlyList<RawEvent> events, bool import, CancellationToken cancellationToken)
    {
        var topic = import ? kafka.Value.ImportTopicName : kafka.Value.Topic;
        var deliveries = new Task[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var value = MemoryMarshal.TryGetArray(e.Json, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : e.Json.ToArray();
            deliveries[i] = producer.ProduceAsync(topic, new Message<byte[]?, byte[]> { Key = Encoding.UTF8.GetBytes(e.Key), Value = value }, cancellationToken);
        }

        await Task.WhenAll(deliveries);
    }
}
