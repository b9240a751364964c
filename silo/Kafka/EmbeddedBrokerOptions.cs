using System.ComponentModel.DataAnnotations;

namespace CraftCX.Silo.Kafka;

/// <summary>Whether the embedded broker may run, and the shape of the topics it creates.</summary>
internal sealed class EmbeddedBrokerOptions
{
    /// <summary>
    /// Lets an empty Kafka:BootstrapServers start the in-process test broker. Unset: only in the Development
    /// environment; elsewhere an empty broker list is a start-up error.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Partitions of the events topic; the mock keeps only 5 MiB per partition, so bulk loads want many.</summary>
    [Range(1, 1024)]
    public int Partitions { get; set; } = 16;

    [Range(1, 1024)]
    public int DeadLetterPartitions { get; set; } = 2;

    [Range(1, 1024)]
    public int ScoresPartitions { get; set; } = 4;

    /// <summary>Partitions of the import topic; a backfill is a bulk load, so as many as the events topic.</summary>
    [Range(1, 1024)]
    public int ImportPartitions { get; set; } = 16;
}
