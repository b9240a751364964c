using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using CraftCX.Api.Ingestion;
using CraftCX.Silo.Kafka;
using CraftCX.Silo.Telemetry;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Ingestion;

/// <summary>Writes events accepted over HTTP to the events (or import) topic, keyed by tenant/conversation, so they follow the Kafka path.</summary>
internal sealed class KafkaEventIngress(SharedKafkaProducer producer, IOptions<KafkaOptions> kafka) : IEventIngress
{
    public async Task SubmitAsync(IReadOnlyList<RawEvent> events, bool import, CancellationToken cancellationToken)
    {
        var topic = import ? kafka.Value.ImportTopicName : kafka.Value.Topic;
        var deliveries = new Task[events.Count];

        // The request's trace goes on in the ingestor that applies these events (W3C headers).
        var trace = TraceHeaders.FromCurrent();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var value = MemoryMarshal.TryGetArray(e.Json, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : e.Json.ToArray();
            deliveries[i] = producer.ProduceAsync(topic, new Message<byte[]?, byte[]> { Key = Encoding.UTF8.GetBytes(e.Key), Value = value, Headers = trace }, cancellationToken);
        }

        await Task.WhenAll(deliveries);
    }
}
