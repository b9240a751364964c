namespace CraftCX.Silo.Kafka;

/// <summary>Shape of the topics the embedded broker creates.</summary>
public sealed class EmbeddedBrokerOptions
{
    /// <summary>Partitions of the events topic; the mock keeps only 5 MiB per partition, so bulk loads want many.</summary>
    public int Partitions { get; set; } = 16;

    public int DeadLetterPartitions { get; set; } = 2;

    public int ScoresPartitions { get; set; } = 4;
}
