namespace CraftCX.Privacy;

/// <summary>
/// Whose turn it is to sweep a tenant: at most one sweep runs, and a sweep asked for while one runs follows it,
/// since the running one read its policy and clock when it started. Reminder ticks do not queue.
/// </summary>
internal sealed class SweepTurns
{
    private bool _running;
    private bool _stopped;

    /// <summary>A sweep asked for is waiting for the running one to finish.</summary>
    public bool Queued { get; private set; }

    /// <summary>Someone asked for a sweep: true when it should start now; otherwise it is queued behind the running one.</summary>
    public bool Ask()
    {
        if (TryStart())
        {
            return true;
        }

        Queued = !_stopped;
        return false;
    }

    /// <summary>The reminder ticked: true when a sweep should start now; a tick while one runs is dropped.</summary>
    public bool Tick() => TryStart();

    /// <summary>The running sweep finished: true when a queued one should start now.</summary>
    public bool Finish()
    {
        _running = false;
        if (!Queued)
        {
            return false;
        }

        Queued = false;
        return TryStart();
    }

    /// <summary>The tenant is being forgotten: nothing runs or waits any more.</summary>
    public void Stop()
    {
        _stopped = true;
        _running = false;
        Queued = false;
    }

    private bool TryStart()
    {
        if (_running || _stopped)
        {
            return false;
        }

        _running = true;
        return true;
    }
}
