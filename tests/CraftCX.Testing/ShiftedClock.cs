namespace CraftCX.Testing;

/// <summary>
/// The system clock moved forward by an offset the test sets: "now" jumps days ahead while delays and timers
/// still run in real time, so a whole silo can live through a retention period in seconds.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
