using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CraftCX.Diagnostics;
using CraftCX.ScoreChanges;
using CraftCX.Silo.Kafka;
using CraftCX.Silo.Telemetry;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.ScoreLog;

/// <summary>Appends score changes to the scores topic, keyed tenant/workspace so that one workspace's changes stay in order.</summary>
internal sealed class KafkaScoreChangeLog(SharedKafkaProducer producer, IOptions<KafkaOptions> kafka, CraftCXTelemetry telemetry) : IScoreChangeLog
{
    public async Task AppendAsync(IReadOnlyList<ConversationScoreChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var topic = kafka.Value.ScoresTopicName;

        // One span per append, linked to the traces of the events whose scores it carries.
        using var activity = TraceLinks.StartBatch(telemetry.ScoreLog, "craftcx.scores.append", ActivityKind.Producer, changes.Select(c => c.TraceParent));
        activity?.SetTag("craftcx.tenant", changes[0].Tenant);
        activity?.SetTag("craftcx.changes", changes.Count);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", topic);
        var deliveries = new Task[changes.Count];
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            deliveries[i] = producer.ProduceAsync(topic, new Message<byte[]?, byte[]>
            {
                Key = Encoding.UTF8.GetBytes(GrainKeys.Compose(change.Tenant, change.Workspace)),
                Value = JsonSerializer.SerializeToUtf8Bytes(change, ScoreChangeJsonContext.Default.ConversationScoreChange),

                // A reader of the scores topic continues the trace of the events behind the change.
                Headers = change.TraceParent is { } parent ? new Headers { { TraceHeaders.TraceParent, Encoding.ASCII.GetBytes(parent) } } : null,
            });
        }

        await Task.WhenAll(deliveries);
    }
}
