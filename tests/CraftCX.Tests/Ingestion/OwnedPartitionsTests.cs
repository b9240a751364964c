using Confluent.Kafka;
using CraftCX.Silo.Ingestion;

namespace CraftCX.Tests.Ingestion;

[Trait("Category", "Unit")]
public sealed class OwnedPartitionsTests
{
    private static readonly TopicPartition P0 = new("t", 0);
    private static readonly TopicPartition P1 = new("t", 1);

    [Fact]
    public void Only_what_is_done_past_the_last_commit_is_committable()
    {
        var owned = new OwnedPartitions();
        owned.Assign([P0, P1]);
        owned.Tracker(P0).Track(5);
        owned.Tracker(P0).Track(6);
        owned.Tracker(P1).Track(9);
        owned.Tracker(P0).Complete(5);

        // A commit names the first offset not yet done: P0 is done up to 5, P1 has nothing done past 8.
        var first = owned.Committable();
        Assert.Equal([new TopicPartitionOffset(P0, 6), new TopicPartitionOffset(P1, 9)], first);
        owned.MarkCommitted(first);
        Assert.Empty(owned.Committable());

        owned.Tracker(P1).Complete(9);
        Assert.Equal([new TopicPartitionOffset(P1, 10)], owned.Committable([P1]));
        Assert.Empty(owned.Committable([P0]));
    }

    [Fact]
    public void Released_partitions_are_forgotten_and_their_late_completions_committed_nowhere()
    {
        var owned = new OwnedPartitions();
        owned.Assign([P0, P1]);
        var tracker = owned.Tracker(P0);
        tracker.Track(1);
        owned.Release([P0]);

        Assert.True(tracker.Revoked);
        Assert.Equal([P1], owned.Partitions);
        tracker.Complete(1);
        Assert.Empty(owned.Committable());
        owned.Release();
        Assert.Equal(0, owned.Count);
    }

    [Fact]
    public void Draining_waits_for_the_named_partitions_only()
    {
        var owned = new OwnedPartitions();
        owned.Tracker(P0).Track(1);
        owned.Tracker(P1).Track(1);
        owned.Tracker(P1).Complete(1);

        Assert.True(owned.WaitDrained(TimeSpan.FromMilliseconds(10), [P1]));
        Assert.False(owned.WaitDrained(TimeSpan.FromMilliseconds(10)));
        owned.Tracker(P0).Complete(1);
        Assert.True(owned.WaitDrained(TimeSpan.FromSeconds(5)));
    }
}
