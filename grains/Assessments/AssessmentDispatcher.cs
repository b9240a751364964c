using Microsoft.Extensions.Logging;

namespace CraftCX.Assessments;

/// <summary>
/// This silo's queue of conversations waiting for an AI assessment, run at most <c>maxConcurrency</c> at once. Asking
/// costs the conversation no message and no waiting task, so a backlog behind a slow model stays cheap: a set entry
/// per conversation, each at most once however often it asks. When the silo starts to stop, waiting entries are
/// dropped and new ones refused; the conversations keep their requests and their reminders ask again wherever they
/// are activated next.
/// </summary>
public sealed partial class AssessmentDispatcher
{
    private readonly Func<string, Task> _run;
    private readonly int _maxConcurrency;
    private readonly CancellationToken _stopping;
    private readonly Lock _gate = new();
    private readonly Queue<string> _waiting = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private int _running;

    /// <param name="run">One assessment attempt.</param>
    public AssessmentDispatcher(Func<string, Task> run, int maxConcurrency, CancellationToken stopping, ILogger<AssessmentDispatcher> logger)
    {
        _run = run;
        _logger = logger;
        _maxConcurrency = Math.Max(1, maxConcurrency);
        _stopping = stopping;
        _stopping.Register(() =>
        {
            lock (_gate)
            {
                _waiting.Clear();
                _queued.Clear();
            }
        });
    }

    /// <summary>Conversations waiting for a slot.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Attempts under way.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Queues the conversation; false when it already waits here or the silo is stopping.</summary>
    public bool Enqueue(string conversationKey)
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested || !_queued.Add(conversationKey))
            {
                return false;
            }

            _waiting.Enqueue(conversationKey);
        }

        Pump();
        return true;
    }

    private void Pump()
    {
        while (true)
        {
            string next;
            lock (_gate)
            {
                if (_running >= _maxConcurrency || !_waiting.TryDequeue(out next!))
                {
                    return;
                }

                // Once it runs, the conversation may queue again: its lease keeps a second attempt out meanwhile.
                _queued.Remove(next);
                _running++;
            }

            // Off the caller's scheduler and context: callers are grains, and the attempt must neither run on (or
            // wait for) one nor carry its request context.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(() => RunAsync(next));
            }
        }
    }

    private async Task RunAsync(string conversationKey)
    {
        try
        {
            await _run(conversationKey);
        }
        catch (Exception ex)
        {
            // The runner reports its own failures; this is for what escapes it. The request and its reminder stay.
            LogNotRun(ex, conversationKey);
        }
        finally
        {
            lock (_gate)
            {
                _running--;
            }

            Pump();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "AI assessment of {Conversation} ended with an error; its reminder asks again")]
    private partial void LogNotRun(Exception exception, string conversation);
}
