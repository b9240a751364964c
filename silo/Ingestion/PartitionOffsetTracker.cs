namespace CraftCX.Silo.Ingestion;

/// <summary>
/// Tracks one partition's consumed offsets until they are done, so that the committed offset never passes an
/// event that is still being applied: it is the lowest offset in flight, or one past the last tracked.
/// </summary>
internal sealed class PartitionOffsetTracker
{
    private readonly object _lock = new();
    private readonly SortedSet<long> _inFlight = [];
    private long _lastTracked = -1;
    private TaskCompletionSource? _drained;
    private volatile bool _revoked;

    /// <summary>Set when the partition was taken away; its queued events are dropped, the new owner reads them again.</summary>
    public bool Revoked => _revoked;

    public long? LastCommitted { get; set; }

    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _inFlight.Count;
            }
        }
    }

    public void Track(long offset)
    {
        lock (_lock)
        {
            _inFlight.Add(offset);
            _lastTracked = Math.Max(_lastTracked, offset);
        }
    }

    public void Complete(long offset) => Complete([offset]);

    /// <summary>Completes several offsets under one lock (the events of one conversation batch share a partition).</summary>
    public void Complete(IEnumerable<long> offsets)
    {
        TaskCompletionSource? drained = null;
        lock (_lock)
        {
            foreach (var offset in offsets)
            {
                _inFlight.Remove(offset);
            }

            if (_inFlight.Count == 0)
            {
                drained = _drained;
                _drained = null;
            }
        }

        drained?.TrySetResult();
    }

    /// <summary>The offset to commit (the next one to read), or null when nothing was consumed.</summary>
    public long? CommittableOffset()
    {
        lock (_lock)
        {
            if (_inFlight.Count > 0)
            {
                return _inFlight.Min;
            }

            return _lastTracked >= 0 ? _lastTracked + 1 : null;
        }
    }

    public Task WhenDrainedAsync()
    {
        lock (_lock)
        {
            if (_inFlight.Count == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }

    public void MarkRevoked() => _revoked = true;
}
