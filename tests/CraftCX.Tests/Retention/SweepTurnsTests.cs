using CraftCX.Privacy;

namespace CraftCX.Tests.Retention;

[Trait("Category", "Unit")]
public sealed class SweepTurnsTests
{
    [Fact]
    public void A_sweep_asked_for_while_one_runs_follows_it()
    {
        var turns = new SweepTurns();
        Assert.True(turns.Ask());

        Assert.False(turns.Ask());
        Assert.True(turns.Queued);
        Assert.False(turns.Ask());

        // Two asks while one ran make one more sweep, not two.
        Assert.True(turns.Finish());
        Assert.False(turns.Queued);
        Assert.False(turns.Finish());
        Assert.True(turns.Ask());
    }

    [Fact]
    public void A_reminder_tick_while_a_sweep_runs_is_dropped()
    {
        var turns = new SweepTurns();
        Assert.True(turns.Tick());
        Assert.False(turns.Tick());
        Assert.False(turns.Queued);
        Assert.False(turns.Finish());
        Assert.True(turns.Tick());
    }

    [Fact]
    public void A_forgotten_tenant_neither_sweeps_nor_queues()
    {
        var turns = new SweepTurns();
        Assert.True(turns.Ask());
        Assert.False(turns.Ask());
        turns.Stop();
        Assert.False(turns.Queued);
        Assert.False(turns.Finish());
        Assert.False(turns.Ask());
        Assert.False(turns.Queued);
        Assert.False(turns.Tick());
    }
}
