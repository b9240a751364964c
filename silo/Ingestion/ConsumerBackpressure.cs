namespace CraftCX.Silo.Ingestion;

/// <summary>
/// When the consumer stops taking events and when it takes them again: at MaxInFlightEvents it first waits
/// (librdkafka keeps its prefetch), then pauses its partitions (again if the assignment changed meanwhile), and it
/// resumes at half. Pure decisions; the ingestor applies them to the consumer.
/// </summary>
internal sealed class ConsumerBackpressure(int maxInFlight)
{
    private int _pausedAssignment;

    public bool Paused { get; private set; }

    /// <summary>Full while running: wait for capacity before pausing.</summary>
    public bool ShouldWait(long inFlight) => inFlight >= maxInFlight && !Paused;

    /// <summary>What to do with the partitions now.</summary>
    /// <param name="assignment">
    /// The number of assigned partitions, read only when full: the consumer builds its whole assignment list on
    /// every read, which on every message cost 4x the throughput (48 k to 13 k events/s with 128 partitions).
    /// </param>
    public BackpressureAction Next(long inFlight, Func<int> assignment)
    {
        if (inFlight >= maxInFlight && (!Paused || _pausedAssignment != assignment()))
        {
            Paused = true;
            _pausedAssignment = assignment();
            return BackpressureAction.Pause;
        }

        if (Paused && inFlight <= maxInFlight / 2)
        {
            Paused = false;
            return BackpressureAction.Resume;
        }

        return BackpressureAction.None;
    }

    /// <summary>A new consumer starts unpaused.</summary>
    public void Reset()
    {
        Paused = false;
        _pausedAssignment = 0;
    }
}
