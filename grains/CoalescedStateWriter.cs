namespace CraftCX;

/// <summary>
/// Group commit for one grain's state, for grains whose calls interleave: changes share the next write, writes
/// never overlap, and a write starts at most once per interval. A change is announced (logged, published) before
/// any write can store it; a failed announcement or write fails every waiter and every later call, because the
/// copy in memory then holds changes that must not be stored or were not.
/// </summary>
/// <remarks>
/// Everything runs on the grain's single-threaded scheduler, so no locks. State never changes while a write is
/// under way, since a storage provider may serialize it after its first await.
/// </remarks>
internal sealed class CoalescedStateWriter(Func<Task> write, TimeSpan minInterval, TimeProvider time)
{
    private TaskCompletionSource? _next;
    private Task _runs = Task.CompletedTask;
    private TaskCompletionSource? _closed;
    private TaskCompletionSource? _quiet;
    private int _announcing;
    private long? _lastStart;
    private Exception? _failure;

    /// <summary>True once a write or an announcement has failed: this copy of the state must not serve anyone.</summary>
    public bool Failed => _failure is not null;

    /// <summary>
    /// Runs <paramref name="change"/> when no write is under way; when it returns changes, awaits
    /// <paramref name="announce"/> and then a write that stores them. Completes once they are stored.
    /// </summary>
    public async Task ChangeAsync<T>(Func<T?> change, Func<T, Task> announce)
        where T : class
    {
        while (_closed is { } closed)
        {
            ThrowIfFailed();
            await closed.Task;
        }

        ThrowIfFailed();
        var changes = change();
        if (changes is null)
        {
            // Nothing new, but what an earlier call changed may not be stored yet: a retried call must not
            // report success before it is.
            if (_next is not null || _closed is not null || _announcing > 0)
            {
                await WriteAsync();
            }

            return;
        }

        _announcing++;
        try
        {
            await announce(changes);
        }
        catch (Exception ex)
        {
            _failure ??= ex;
            throw;
        }
        finally
        {
            if (--_announcing == 0)
            {
                _quiet?.TrySetResult();
            }
        }

        await WriteAsync();
    }

    private Task WriteAsync()
    {
        if (_failure is not null)
        {
            return Task.FromException(Failure());
        }

        if (_next is { } pending)
        {
            return pending.Task;
        }

        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _next = completion;
        _runs = RunAsync(_runs, completion);
        return completion.Task;
    }

    private async Task RunAsync(Task previous, TaskCompletionSource completion)
    {
        // RunAsync never throws, so awaiting the previous run is only a wait.
        await previous;
        if (_lastStart is { } lastStart && minInterval - time.GetElapsedTime(lastStart) is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait, time);
        }

        // Close: no new change starts, and the ones under way finish announcing before the state is stored.
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _closed = closed;
        try
        {
            while (_announcing > 0)
            {
                _quiet = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await _quiet.Task;
            }

            _quiet = null;
            _next = null;
            if (_failure is not null)
            {
                completion.TrySetException(Failure());
                return;
            }

            _lastStart = time.GetTimestamp();
            await write();
            completion.TrySetResult();
        }
        catch (Exception ex)
        {
            _failure ??= ex;
            completion.TrySetException(Failure());
        }
        finally
        {
            _closed = null;
            closed.TrySetResult();
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw Failure();
        }
    }

    private InvalidOperationException Failure() =>
        new("A state write or announcement failed; this activation holds unstored changes and is being replaced. Retry the call.", _failure);
}
