using System.ComponentModel.DataAnnotations;
using CraftCX.Events;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Ingestion;

/// <summary>How the Kafka ingestor paces itself (section "Ingestion").</summary>
internal sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    public bool Enabled { get; set; } = true;

    /// <summary>Events consumed but not yet applied and aggregated; above this the consumer pauses (backpressure).</summary>
    [Range(1, 10_000_000)]
    public int MaxInFlightEvents { get; set; } = 50_000;

    /// <summary>
    /// At the limit the consumer first just waits this long (librdkafka keeps its prefetched messages); only then
    /// does it pause the partitions, which drops the prefetch and costs a refetch on resume.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan PauseAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most events of one conversation sent to its grain in one call.</summary>
    [Range(1, 100_000)]
    public int MaxBatchPerConversation { get; set; } = 256;

    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a revoke or shutdown waits for in-flight events before committing what is done.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long shutdown keeps trying to commit during a rebalance and waits for the consumer to close.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest pause between retries of a failing grain call or dead-letter write.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause before the consumer is rebuilt after a fatal client error.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often librdkafka reports its statistics, from which the consumer lag per partition is read; zero turns them off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan StatisticsInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the one-line summary is logged; zero turns it off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan SummaryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a silo trusts what it read about a tenant's lifecycle (created, suspended, terminated).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan TenantStatusTtl { get; set; } = TimeSpan.FromSeconds(5);

    [ValidateObjectMembers]
    public EventContractOptions Contract { get; set; } = new();

    [ValidateObjectMembers]
    public ImportOptions Import { get; set; } = new();
}
