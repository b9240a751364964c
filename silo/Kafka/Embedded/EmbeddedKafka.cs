namespace CraftCX.Silo.Kafka.Embedded;

/// <summary>librdkafka's mock cluster as the embedded broker, with the events, dead-letter and scores topics.</summary>
internal sealed class EmbeddedKafka : IEmbeddedKafka
{
    public (string BootstrapServers, IDisposable Broker) Start(KafkaOptions options)
    {
        var broker = MockKafkaCluster.Start();
        broker.CreateTopic(options.Topic, options.EmbeddedBroker.Partitions);
        broker.CreateTopic(options.DeadLetterTopicName, options.EmbeddedBroker.DeadLetterPartitions);
        broker.CreateTopic(options.ScoresTopicName, options.EmbeddedBroker.ScoresPartitions);
        broker.CreateTopic(options.ImportTopicName, options.EmbeddedBroker.ImportPartitions);
        return (broker.BootstrapServers, broker);
    }
}
