namespace CraftCX.Imports;

/// <summary>
/// A tenant's imports (backfill) so far: what was handed in over HTTP, what the pipeline has counted, and how fast.
/// Events written straight to the import topic are counted but were never submitted, so they have no pending count.
/// </summary>
/// <param name="State">idle (nothing imported yet), running (events pending or counted in the last minute) or done.</param>
/// <param name="Submitted">Events accepted by <c>POST /v1/events?import=true</c>.</param>
/// <param name="Pending">Submitted events not yet counted, duplicates or dead-lettered (0 when more were counted than submitted).</param>
/// <param name="EventsPerSecond">The rate over the last 30 seconds.</param>
/// <param name="SecondsRemaining">Pending at that rate; null when nothing is pending or nothing moves.</param>
[GenerateSerializer, Immutable, Alias("craftcx.import-status.v1")]
public sealed record ImportStatus(
    [property: Id(0)] string State,
    [property: Id(1)] long Submitted,
    [property: Id(2)] long Counted,
    [property: Id(3)] long Duplicates,
    [property: Id(4)] long DeadLettered,
    [property: Id(5)] long Pending,
    [property: Id(6)] long Conversations,
    [property: Id(7)] double EventsPerSecond,
    [property: Id(8)] long? SecondsRemaining,
    [property: Id(9)] DateTimeOffset? FirstEventAt,
    [property: Id(10)] DateTimeOffset? LastEventAt,
    [property: Id(11)] DateTimeOffset? StartedAt,
    [property: Id(12)] DateTimeOffset? LastProgressAt);
