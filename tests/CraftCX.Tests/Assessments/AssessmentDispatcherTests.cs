using System.Collections.Concurrent;
using CraftCX.Assessments;
using Microsoft.Extensions.Logging.Abstractions;

namespace CraftCX.Tests.Assessments;

/// <summary>The per-silo AI queue: one waiting entry per conversation, a limit on attempts at once, and its end at silo stop.</summary>
[Trait("Category", "Unit")]
public sealed class AssessmentDispatcherTests
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _attempts = new();
    private readonly ConcurrentQueue<string> _started = new();

    [Fact]
    public async Task A_conversation_waits_once_however_often_it_asks_and_may_ask_again_once_it_runs()
    {
        using var stopping = new CancellationTokenSource();
        var dispatcher = Create(maxConcurrency: 1, stopping.Token);

        Assert.True(dispatcher.Enqueue("t/busy"));
        await StartedAsync("t/busy");
        Assert.True(dispatcher.Enqueue("t/c1"));
        Assert.False(dispatcher.Enqueue("t/c1"));
        Assert.True(dispatcher.Enqueue("t/c2"));
        Assert.Equal(2, dispatcher.Waiting);

        Finish("t/busy");
        await StartedAsync("t/c1");
        Assert.True(dispatcher.Enqueue("t/c1"));
        Assert.Equal(["t/busy", "t/c1"], _started);
    }

    [Fact]
    public async Task No_more_attempts_run_at_once_than_the_limit_and_a_failed_one_frees_its_slot()
    {
        using var stopping = new CancellationTokenSource();
        var dispatcher = Create(maxConcurrency: 2, stopping.Token);
        foreach (var key in new[] { "t/a", "t/b", "t/c", "t/d" })
        {
            dispatcher.Enqueue(key);
        }

        await StartedAsync("t/a");
        await StartedAsync("t/b");
        Assert.Equal(2, dispatcher.Running);
        Assert.Equal(2, dispatcher.Waiting);

        _attempts["t/a"].SetException(new InvalidOperationException("the runner could not be reached"));
        await StartedAsync("t/c");
        Assert.Equal(2, dispatcher.Running);
        Finish("t/b");
        await StartedAsync("t/d");
        Assert.Equal(0, dispatcher.Waiting);
        Finish("t/c");
        Finish("t/d");
        await Eventually.ReturnsAsync(() => Task.FromResult(dispatcher.Running), running => running == 0, TimeSpan.FromSeconds(5), "every slot to be free");
    }

    [Fact]
    public async Task A_stopping_silo_drops_what_waits_and_takes_nothing_new()
    {
        using var stopping = new CancellationTokenSource();
        var dispatcher = Create(maxConcurrency: 1, stopping.Token);
        dispatcher.Enqueue("t/running");
        await StartedAsync("t/running");
        dispatcher.Enqueue("t/waiting");

        await stopping.CancelAsync();
        Assert.Equal(0, dispatcher.Waiting);
        Assert.False(dispatcher.Enqueue("t/new"));
        Finish("t/running");
        await Eventually.ReturnsAsync(() => Task.FromResult(dispatcher.Running), running => running == 0, TimeSpan.FromSeconds(5), "the running attempt to end");
        Assert.Equal(["t/running"], _started);
    }

    private AssessmentDispatcher Create(int maxConcurrency, CancellationToken stopping) =>
        new(
            key =>
            {
                _started.Enqueue(key);
                return _attempts.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            },
            maxConcurrency,
            stopping,
            NullLogger<AssessmentDispatcher>.Instance);

    private void Finish(string key) => _attempts[key].SetResult();

    private Task StartedAsync(string key) =>
        Eventually.ReturnsAsync(() => Task.FromResult(_started.Contains(key) && _attempts.ContainsKey(key)), started => started, TimeSpan.FromSeconds(5), $"attempt {key} to start");
}
