namespace CraftCX.Imports;

/// <summary>Events done per second over a sliding window, from the running total at each report.</summary>
internal sealed class ImportRate(TimeSpan window)
{
    private readonly Queue<(DateTimeOffset At, long Done)> _samples = new();

    public void Observe(DateTimeOffset at, long done)
    {
        _samples.Enqueue((at, done));
        Trim(at);
    }

    public double PerSecond(DateTimeOffset now)
    {
        Trim(now);
        if (_samples.Count == 0)
        {
            return 0;
        }

        // From the oldest sample in the window to now, so a stalled import's rate falls towards zero.
        var (firstAt, firstDone) = _samples.Peek();
        var lastDone = _samples.Last().Done;
        var seconds = (now - firstAt).TotalSeconds;
        return _samples.Count < 2 || seconds <= 0 ? 0 : (lastDone - firstDone) / seconds;
    }

    private void Trim(DateTimeOffset now)
    {
        // One sample older than the window stays as the baseline of the ones inside it.
        while (_samples.Count > 1 && _samples.ElementAt(1).At <= now - window)
        {
            _samples.Dequeue();
        }
    }
}
