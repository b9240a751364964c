namespace CraftCX.Privacy;

/// <summary>Where a tenant's retention stands: the days it indexes and the latest sweep.</summary>
/// <param name="DaysIndexed">Days with closed conversations still indexed (their data is kept, purged or waiting).</param>
/// <param name="OldestDay">The oldest such day, if any.</param>
/// <param name="LastSweep">The running sweep, or the last one; null before the first.</param>
/// <param name="SweepQueued">Another sweep follows the running one: it was asked for while that one ran, which read its policy and clock before.</param>
[GenerateSerializer, Immutable, Alias("craftcx.retention-status.v1")]
public sealed record RetentionStatus(
    [property: Id(0)] RetentionPolicy Policy,
    [property: Id(1)] int DaysIndexed,
    [property: Id(2)] DateOnly? OldestDay,
    [property: Id(3)] RetentionSweepReport? LastSweep,
    [property: Id(4)] bool SweepQueued = false);
