using System.Diagnostics;

namespace CraftCX.Tests.Aggregation;

/// <summary>
/// The writer runs on a grain's one-at-a-time scheduler; these tests run it on an exclusive scheduler, the same
/// guarantee without a silo.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CoalescedStateWriterTests
{
    private readonly TaskScheduler _grain = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;

    [Fact]
    public async Task Changes_announced_together_share_one_write()
    {
        var rig = new Rig(TimeSpan.Zero);
        var announcements = new TaskCompletionSource();
        var calls = Enumerable.Range(1, 3).Select(i => OnGrain(() => rig.Writer.ChangeAsync(() => rig.Change(i), _ => announcements.Task))).ToArray();
        await WaitUntilAsync(() => rig.Changed.Count == 3);
        Assert.Equal(0, rig.Writes);

        announcements.SetResult();
        await Task.WhenAll(calls);
        Assert.Equal(1, rig.Writes);
        Assert.Equal([1, 2, 3], rig.StoredAtLastWrite);
    }

    [Fact]
    public async Task A_change_waits_while_a_write_is_under_way_and_goes_into_the_next_one_after_the_interval()
    {
        var rig = new Rig(TimeSpan.FromMilliseconds(200));
        rig.HoldWrites = new TaskCompletionSource();
        var first = OnGrain(() => rig.Writer.ChangeAsync(() => rig.Change(1), _ => Task.CompletedTask));
        await WaitUntilAsync(() => rig.WritesStarted == 1);

        var second = OnGrain(() => rig.Writer.ChangeAsync(() => rig.Change(2), _ => Task.CompletedTask));
        await Task.Delay(100);
        Assert.Equal([1], rig.Changed);

        var clock = Stopwatch.StartNew();
        rig.HoldWrites.SetResult();
        await first;
        await second;
        Assert.Equal([1, 2], rig.Changed);
        Assert.Equal(2, rig.Writes);
        Assert.Equal([1, 2], rig.StoredAtLastWrite);
        Assert.True(rig.WriteStarts[1] - rig.WriteStarts[0] >= TimeSpan.FromMilliseconds(190), $"writes {rig.WriteStarts[1] - rig.WriteStarts[0]} apart");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_failed_announcement_stores_nothing_and_fails_later_calls_so_the_retry_reaches_a_fresh_copy()
    {
        var rig = new Rig(TimeSpan.Zero);
        var failing = new TaskCompletionSource();
        var good = new TaskCompletionSource();
        var failed = OnGrain(() => rig.Writer.ChangeAsync(() => rig.Change(1), _ => failing.Task));
        var fine = OnGrain(() => rig.Writer.ChangeAsync(() => rig.Change(2), _ => good.Task));
        await WaitUntilAsync(() => rig.Changed.Count == 2);

        good.SetResult();
        failing.SetException(new IOException("log unreachable"));
        await Assert.ThrowsAsync<IOException>(() => failed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => fine);
        Assert.Equal(0, rig.Writes);
        Assert.True(rig.Writer.Failed);

        var later = await Assert.ThrowsAsync<InvalidOperationException>(() => OnGrain(() => rig.Writer.ChangeAsync(() => rig.Change(3), _ => Task.CompletedTask)));
        Assert.IsType<IOException>(later.InnerException);
        Assert.DoesNotContain(3, rig.Changed);
    }

    [Fact]
    public async Task A_failed_write_fails_its_waiters_and_every_later_call()
    {
        var rig = new Rig(TimeSpan.Zero) { FailWrites = true };
        await Assert.ThrowsAsync<InvalidOperationException>(() => OnGrain(() => rig.Writer.ChangeAsync(() => rig.Change(1), _ => Task.CompletedTask)));
        Assert.True(rig.Writer.Failed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => OnGrain(() => rig.Writer.ChangeAsync(() => rig.Change(2), _ => Task.CompletedTask)));
        Assert.Equal([1], rig.Changed);
    }

    [Fact]
    public async Task A_call_that_changes_nothing_still_waits_for_the_pending_write_of_earlier_changes()
    {
        var rig = new Rig(TimeSpan.Zero);
        var announcement = new TaskCompletionSource();
        var changing = OnGrain(() => rig.Writer.ChangeAsync(() => rig.Change(1), _ => announcement.Task));
        await WaitUntilAsync(() => rig.Changed.Count == 1);

        var unchanged = OnGrain(() => rig.Writer.ChangeAsync<object>(() => null, _ => Task.CompletedTask));
        await Task.Delay(100);
        Assert.False(unchanged.IsCompleted);

        announcement.SetResult();
        await Task.WhenAll(changing, unchanged);
        Assert.Equal(1, rig.Writes);
    }

    [Fact]
    public async Task A_call_that_changes_nothing_with_nothing_pending_returns_without_a_write()
    {
        var rig = new Rig(TimeSpan.Zero);
        await OnGrain(() => rig.Writer.ChangeAsync<object>(() => null, _ => Task.CompletedTask));
        Assert.Equal(0, rig.Writes);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "condition not reached in 10 s");
            await Task.Delay(10);
        }
    }

    private Task OnGrain(Func<Task> work) => Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.None, _grain).Unwrap();

    private sealed class Rig
    {
        public Rig(TimeSpan interval) => Writer = new CoalescedStateWriter(WriteAsync, interval, TimeProvider.System);

        public CoalescedStateWriter Writer { get; }

        public List<int> Changed { get; } = [];

        public List<int> StoredAtLastWrite { get; private set; } = [];

        public List<TimeSpan> WriteStarts { get; } = [];

        public int WritesStarted => WriteStarts.Count;

        public int Writes { get; private set; }

        public TaskCompletionSource? HoldWrites { get; set; }

        public bool FailWrites { get; init; }

        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public object Change(int value)
        {
            Changed.Add(value);
            return value;
        }

        private async Task WriteAsync()
        {
            WriteStarts.Add(_clock.Elapsed);
            var snapshot = Changed.ToList();
            if (HoldWrites is { } hold)
            {
                await hold.Task;
            }

            if (FailWrites)
            {
                throw new IOException("storage unreachable");
            }

            StoredAtLastWrite = snapshot;
            Writes++;
        }
    }
}
