namespace CraftCX.Tests.Infrastructure;

/// <summary>
/// The test that reads a silo's exported metrics, and the one that builds and disposes dozens of hosts in a burst:
/// never at the same time. In one process, same-named meters share their exported metric in OpenTelemetry, and a
/// disposed host's meter takes that metric off every other host's /metrics (measured: the scrape lost every
/// ingestion, ASP.NET Core and Orleans series). Production runs one host per process.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ExportedMetricsCollection
{
    public const string Name = "exported-metrics";
}
