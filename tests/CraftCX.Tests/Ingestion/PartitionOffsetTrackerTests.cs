using CraftCX.Silo.Ingestion;

namespace CraftCX.Tests.Ingestion;

[Trait("Category", "Unit")]
public sealed class PartitionOffsetTrackerTests
{
    [Fact]
    public void The_committable_offset_never_passes_an_unfinished_event()
    {
        var tracker = new PartitionOffsetTracker();
        Assert.Null(tracker.CommittableOffset());
        foreach (var offset in new long[] { 10, 11, 12, 13 })
        {
            tracker.Track(offset);
        }

        tracker.Complete(12);
        tracker.Complete(11);
        Assert.Equal(10, tracker.CommittableOffset());
        tracker.Complete(10);
        Assert.Equal(13, tracker.CommittableOffset());
        tracker.Complete(13);
        Assert.Equal(14, tracker.CommittableOffset());
    }

    [Fact]
    public async Task Drained_completes_when_the_last_event_finishes()
    {
        var tracker = new PartitionOffsetTracker();
        tracker.Track(1);
        tracker.Track(2);
        var drained = tracker.WhenDrainedAsync();
        tracker.Complete(1);
        Assert.False(drained.IsCompleted);
        tracker.Complete(2);
        await drained.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(tracker.WhenDrainedAsync().IsCompleted);
    }
}
