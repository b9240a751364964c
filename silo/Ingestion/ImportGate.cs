namespace CraftCX.Silo.Ingestion;

/// <summary>
/// When the import partitions are read: not while live events queue (live traffic goes first) nor while the import
/// has its most in flight, and again once both fall to three quarters, so that it does not flap on every message.
/// Pure decisions; the ingestor applies them to the consumer.
/// </summary>
internal sealed class ImportGate(int maxInFlight, int yieldAboveLiveInFlight)
{
    /// <summary>The import's limit within the consumer's own: a silo set to hold fewer events in flight holds fewer imports too.</summary>
    public ImportGate(ImportOptions import, int maxInFlightEvents)
        : this(Math.Min(import.MaxInFlight, maxInFlightEvents), import.YieldAboveLiveInFlight)
    {
    }

    public bool Paused { get; private set; }

    public BackpressureAction Next(long liveInFlight, long importInFlight)
    {
        if (!Paused && (liveInFlight > yieldAboveLiveInFlight || importInFlight >= maxInFlight))
        {
            Paused = true;
            return BackpressureAction.Pause;
        }

        if (Paused && liveInFlight <= yieldAboveLiveInFlight * 3L / 4 && importInFlight <= maxInFlight * 3L / 4)
        {
            Paused = false;
            return BackpressureAction.Resume;
        }

        return BackpressureAction.None;
    }

    /// <summary>The consumer's partitions changed under it (a new consumer, a rebalance, a backpressure resume): decide again from scratch.</summary>
    public void Reset() => Paused = false;
}
