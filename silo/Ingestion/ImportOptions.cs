using System.ComponentModel.DataAnnotations;

namespace CraftCX.Silo.Ingestion;

/// <summary>How the import topic is read behind live traffic (section "Ingestion:Import").</summary>
internal sealed class ImportOptions
{
    /// <summary>Read the import topic at all; off, its events wait there.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Most import events in flight at once; at the limit the import partitions pause.</summary>
    [Range(1, 10_000_000)]
    public int MaxInFlight { get; set; } = 10_000;

    /// <summary>While more live events than this are in flight, the import partitions pause: live traffic goes first.</summary>
    [Range(1, 10_000_000)]
    public int YieldAboveLiveInFlight { get; set; } = 1_000;

    /// <summary>How often each silo reports its tenants' import progress to their status grains.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(1);
}
