using CraftCX.Imports;

namespace CraftCX.Silo.Ingestion;

/// <summary>What this silo counted of each tenant's imports since its last report, and its totals for the log line.</summary>
internal sealed class ImportProgress
{
    private readonly Lock _lock = new();
    private Dictionary<string, ImportProgressReport> _unreported = new(StringComparer.Ordinal);
    private long _consumed;
    private long _done;
    private long _peakInFlight;

    /// <summary>Import events this silo consumed.</summary>
    public long Consumed => Interlocked.Read(ref _consumed);

    /// <summary>Import events this silo finished: counted, duplicates or dead-lettered.</summary>
    public long Done => Interlocked.Read(ref _done);

    /// <summary>Events waiting in this silo's import partitions, as of the consumer's last look.</summary>
    public long Waiting { get; set; }

    /// <summary>The most import events ever in flight at once: evidence that the import stays behind its limit.</summary>
    public long PeakInFlight => Interlocked.Read(ref _peakInFlight);

    public void OnConsumed(long inFlight)
    {
        Interlocked.Increment(ref _consumed);
        if (inFlight > Interlocked.Read(ref _peakInFlight))
        {
            Interlocked.Exchange(ref _peakInFlight, inFlight);
        }
    }

    public void OnCounted(string tenant, int counted, int duplicates, bool created, DateTimeOffset firstEventAt, DateTimeOffset lastEventAt) =>
        Add(tenant, new ImportProgressReport(counted, duplicates, 0, created ? 1 : 0, firstEventAt, lastEventAt));

    /// <summary>An import event refused with a reason; without a known tenant it counts only in this silo's totals.</summary>
    public void OnDeadLettered(string? tenant)
    {
        if (tenant is null)
        {
            Interlocked.Increment(ref _done);
            return;
        }

        Add(tenant, new ImportProgressReport(0, 0, 1, 0, null, null));
    }

    /// <summary>Takes everything not yet reported.</summary>
    public IReadOnlyDictionary<string, ImportProgressReport> Drain()
    {
        lock (_lock)
        {
            var drained = _unreported;
            _unreported = new Dictionary<string, ImportProgressReport>(StringComparer.Ordinal);
            return drained;
        }
    }

    /// <summary>Puts back a report that could not be delivered, to go with the next one.</summary>
    public void Restore(string tenant, ImportProgressReport report)
    {
        lock (_lock)
        {
            _unreported[tenant] = _unreported.TryGetValue(tenant, out var newer) ? report.Plus(newer) : report;
        }
    }

    private void Add(string tenant, ImportProgressReport report)
    {
        Interlocked.Add(ref _done, report.Done);
        lock (_lock)
        {
            _unreported[tenant] = _unreported.TryGetValue(tenant, out var earlier) ? earlier.Plus(report) : report;
        }
    }
}
