using CraftCX.Silo.Ingestion;

namespace CraftCX.Tests.Ingestion;

[Trait("Category", "Unit")]
public sealed class ConsumerBackpressureTests
{
    [Fact]
    public void Full_waits_first_then_pauses_and_resumes_at_half()
    {
        var backpressure = new ConsumerBackpressure(maxInFlight: 100);
        Assert.False(backpressure.ShouldWait(99));
        Assert.Equal(BackpressureAction.None, backpressure.Next(99, assignment: () => 4));

        Assert.True(backpressure.ShouldWait(100));
        Assert.Equal(BackpressureAction.Pause, backpressure.Next(100, assignment: () => 4));
        Assert.True(backpressure.Paused);
        Assert.False(backpressure.ShouldWait(100));

        // Paused and still full: nothing to do until it drains to half.
        Assert.Equal(BackpressureAction.None, backpressure.Next(120, assignment: () => 4));
        Assert.Equal(BackpressureAction.None, backpressure.Next(51, assignment: () => 4));
        Assert.Equal(BackpressureAction.Resume, backpressure.Next(50, assignment: () => 4));
        Assert.False(backpressure.Paused);
    }

    [Fact]
    public void A_new_assignment_while_paused_and_full_is_paused_too()
    {
        var backpressure = new ConsumerBackpressure(maxInFlight: 10);
        Assert.Equal(BackpressureAction.Pause, backpressure.Next(10, assignment: () => 4));

        // A rebalance handed over more partitions: they must not be consumed either.
        Assert.Equal(BackpressureAction.Pause, backpressure.Next(10, assignment: () => 6));
        Assert.Equal(BackpressureAction.None, backpressure.Next(10, assignment: () => 6));

        backpressure.Reset();
        Assert.False(backpressure.Paused);
        Assert.True(backpressure.ShouldWait(10));
    }

    [Fact]
    public void The_assignment_is_read_only_when_full()
    {
        var backpressure = new ConsumerBackpressure(maxInFlight: 10);
        var reads = 0;
        int Assignment()
        {
            reads++;
            return 4;
        }

        for (var inFlight = 0; inFlight < 10; inFlight++)
        {
            Assert.Equal(BackpressureAction.None, backpressure.Next(inFlight, Assignment));
        }

        Assert.Equal(0, reads);
        Assert.Equal(BackpressureAction.Pause, backpressure.Next(10, Assignment));
        Assert.True(reads > 0);
    }
}
