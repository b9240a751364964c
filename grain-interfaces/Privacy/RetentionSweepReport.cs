namespace CraftCX.Privacy;

/// <summary>What one retention sweep of a tenant did, so far or in all.</summary>
/// <param name="Running">True while it goes on; the counts then grow.</param>
/// <param name="DaysDone">Days that needed something and were finished.</param>
/// <param name="Purged">Conversations whose transcript and identifiers were removed.</param>
/// <param name="Deleted">Conversations whose state was cleared.</param>
/// <param name="Unchanged">Conversations visited that had nothing left to remove (already done, or indexed again later).</param>
/// <param name="Forgotten">Tombstones of deleted conversations dropped once the replay window passed (their rows went).</param>
/// <param name="Held">Conversations under a legal hold, left untouched.</param>
/// <param name="TenantHeld">The whole tenant is under a legal hold: the sweep removed nothing.</param>
/// <param name="Failed">Conversations that could not be reached; their day is tried again by the next sweep.</param>
[GenerateSerializer, Immutable, Alias("craftcx.retention-sweep-report.v1")]
public sealed record RetentionSweepReport(
    [property: Id(0)] DateTimeOffset StartedAt,
    [property: Id(1)] DateTimeOffset? FinishedAt,
    [property: Id(2)] bool Running,
    [property: Id(3)] int DaysDone,
    [property: Id(4)] long Purged,
    [property: Id(5)] long Deleted,
    [property: Id(6)] long Unchanged,
    [property: Id(7)] long Failed,
    [property: Id(8)] long Forgotten = 0,
    [property: Id(9)] long Held = 0,
    [property: Id(10)] bool TenantHeld = false);
