using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CraftCX.ScoreChanges;
using CraftCX.Silo.Kafka;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.ScoreLog;

/// <summary>Appends score changes to the scores topic, keyed tenant/workspace so that one workspace's changes stay in order.</summary>
internal sealed class KafkaScoreChangeLog(SharedKafkaProducer producer, IOptions<KafkaOptions> kafka) : IScoreChangeLog
{
    public async Task AppendAsync(IReadOnlyList<ConversationScoreChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var topic = kafka.Value.ScoresTopicName;
        var deliveries = new Task[changes.Count];
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            deliveries[i] = producer.ProduceAsync(topic, new Message<byte[]?, byte[]>
            {
                Key = Encoding.UTF8.GetBytes(GrainKeys.Compose(change.Tenant, change.Workspace)),
                Value = JsonSerializer.SerializeToUtf8Bytes(change, ScoreChangeJsonContext.Default.ConversationScoreChange),
            });
        }

        await Task.WhenAll(deliveries);
    }
}
