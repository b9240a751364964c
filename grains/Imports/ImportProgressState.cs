namespace CraftCX.Imports;

/// <summary>A tenant's import totals as stored: what was submitted, what was counted, and the span of event time it covered.</summary>
[GenerateSerializer, Alias("craftcx.import-progress-state.v1")]
internal sealed class ImportProgressState
{
    /// <summary>Counted in the last minute: the import is still running, even when nothing was submitted over HTTP.</summary>
    public static readonly TimeSpan ActiveFor = TimeSpan.FromMinutes(1);

    [Id(0)] public long Submitted { get; set; }
    [Id(1)] public ImportProgressReport Totals { get; set; } = new(0, 0, 0, 0, null, null);
    [Id(2)] public DateTimeOffset? StartedAt { get; set; }
    [Id(3)] public DateTimeOffset? LastProgressAt { get; set; }

    /// <summary>Each reporter's last counted report number and when it came: a report sent again is recognised.</summary>
    [Id(4)] public Dictionary<string, ImportReporterMark> Reporters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A reporter silent this long has stopped (its silo restarted under a new id): its mark goes.</summary>
    public static readonly TimeSpan ReporterMarkKept = TimeSpan.FromDays(1);

    public long Pending => Math.Max(0, Submitted - Totals.Done);

    public void Submit(int events, DateTimeOffset now)
    {
        Submitted += events;
        StartedAt ??= now;
    }

    /// <summary>Counts a report once; false when the reporter's report of that number was counted already.</summary>
    public bool Add(string reporter, long sequence, ImportProgressReport report, DateTimeOffset now)
    {
        if (Reporters.TryGetValue(reporter, out var mark) && sequence <= mark.Sequence)
        {
            return false;
        }

        foreach (var stale in Reporters.Where(r => now - r.Value.At > ReporterMarkKept).Select(r => r.Key).ToList())
        {
            Reporters.Remove(stale);
        }

        Reporters[reporter] = new ImportReporterMark(sequence, now);
        Totals = Totals.Plus(report);
        StartedAt ??= now;
        LastProgressAt = now;
        return true;
    }

    public ImportStatus Status(double eventsPerSecond, DateTimeOffset now)
    {
        var pending = Pending;
        var state = StartedAt is null ? "idle"
            : pending > 0 || (LastProgressAt is { } last && now - last < ActiveFor) ? "running"
            : "done";
        long? remaining = pending > 0 && eventsPerSecond > 0 ? (long)Math.Ceiling(pending / eventsPerSecond) : null;
        return new ImportStatus(
            state,
            Submitted,
            Totals.Counted,
            Totals.Duplicates,
            Totals.DeadLettered,
            pending,
            Totals.Conversations,
            Math.Round(eventsPerSecond, 1),
            remaining,
            Totals.FirstEventAt,
            Totals.LastEventAt,
            StartedAt,
            LastProgressAt);
    }
}
