using CraftCX.Silo.Ingestion;

namespace CraftCX.Tests.Ingestion;

[Trait("Category", "Unit")]
public sealed class ImportGateTests
{
    private static readonly ImportOptions Options = new() { YieldAboveLiveInFlight = 100, MaxInFlight = 1000 };

    [Fact]
    public void The_import_limit_never_exceeds_the_consumers_own()
    {
        var gate = new ImportGate(Options, maxInFlightEvents: 400);
        Assert.Equal(BackpressureAction.None, gate.Next(0, 399));
        Assert.Equal(BackpressureAction.Pause, gate.Next(0, 400));
        Assert.Equal(BackpressureAction.Resume, gate.Next(0, 300));
    }

    [Fact]
    public void Live_work_over_the_threshold_pauses_the_import_until_it_falls_to_three_quarters()
    {
        var gate = new ImportGate(Options, maxInFlightEvents: 50_000);
        Assert.Equal(BackpressureAction.None, gate.Next(liveInFlight: 100, importInFlight: 0));
        Assert.Equal(BackpressureAction.Pause, gate.Next(liveInFlight: 101, importInFlight: 0));
        Assert.Equal(BackpressureAction.None, gate.Next(liveInFlight: 90, importInFlight: 0));
        Assert.True(gate.Paused);
        Assert.Equal(BackpressureAction.Resume, gate.Next(liveInFlight: 75, importInFlight: 0));
        Assert.False(gate.Paused);
    }

    [Fact]
    public void The_import_pauses_at_its_own_limit_and_resumes_only_when_live_work_is_light_too()
    {
        var gate = new ImportGate(Options, maxInFlightEvents: 50_000);
        Assert.Equal(BackpressureAction.None, gate.Next(0, 999));
        Assert.Equal(BackpressureAction.Pause, gate.Next(0, 1000));
        Assert.Equal(BackpressureAction.None, gate.Next(0, 751));
        Assert.Equal(BackpressureAction.None, gate.Next(80, 700));
        Assert.Equal(BackpressureAction.Resume, gate.Next(75, 750));
    }

    [Fact]
    public void A_reset_decides_again_from_scratch()
    {
        var gate = new ImportGate(Options, maxInFlightEvents: 50_000);
        Assert.Equal(BackpressureAction.Pause, gate.Next(500, 0));
        gate.Reset();
        Assert.False(gate.Paused);
        Assert.Equal(BackpressureAction.Pause, gate.Next(500, 0));
    }
}
