namespace CraftCX.Silo.Kafka;

/// <summary>
/// Starts the in-process Kafka-protocol broker with the service's topics. Only builds that contain it
/// (<c>Kafka/Embedded</c>, left out by <c>-p:CraftCXEmbedded=false</c>) register one.
/// </summary>
internal interface IEmbeddedKafka
{
    /// <summary>Starts a broker, creates the topics, and returns its bootstrap address; disposing stops it.</summary>
    (string BootstrapServers, IDisposable Broker) Start(KafkaOptions options);
}
