using System.ComponentModel.DataAnnotations;

namespace CraftCX.Api.Connectors.Imports;

/// <summary>History imports of connectors (section "Connectors:Import").</summary>
internal sealed class ConnectorImportOptions
{
    public const string Section = "Connectors:Import";

    /// <summary>The only directory file imports may read (and its subdirectories); unset turns file imports off.</summary>
    public string? Directory { get; set; }

    /// <summary>Hosts URL imports may read; empty (the default) turns URL imports off.</summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>Records handed on between two checkpoints: a resumed run repeats at most this many.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How often each silo looks for imports to run or take over.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a runner holds an import without a checkpoint before another silo takes it over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Imports one silo runs at once.</summary>
    [Range(1, 64)]
    public int MaxConcurrentImports { get; set; } = 2;

    /// <summary>A ceiling on records per second per import, so a backfill never crowds the pipeline; 0 is none.</summary>
    [Range(0, 1_000_000)]
    public int MaxRecordsPerSecond { get; set; }

    /// <summary>How often a running import logs its progress.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ProgressLogInterval { get; set; } = TimeSpan.FromSeconds(10);
}
