using CraftCX.ScoreChanges;

namespace CraftCX.Api.ScoreStream;

/// <summary>Reads one tenant's entries of the durable score log from a position, as long as asked or up to its current end.</summary>
public interface IScoreStreamSource
{
    /// <summary>
    /// The tenant's entries after <paramref name="position"/> (null: from the start, or from now when
    /// <paramref name="fromNow"/>); each comes with the position just after it. Heartbeats (Change null) carry the
    /// position while the log is idle for this tenant.
    /// </summary>
    IAsyncEnumerable<ScoreLogEntry> ReadAsync(string tenant, StreamPosition? position, bool fromNow, bool follow, CancellationToken cancellationToken);

    /// <summary>
    /// The earliest position the log still holds, when <paramref name="position"/> points before it in some
    /// partition (those entries were deleted by the log's retention); null when every entry after it is still there.
    /// </summary>
    Task<StreamPosition?> FindGapAsync(StreamPosition position, CancellationToken cancellationToken);
}

/// <summary>A score change and the cursor that resumes right after it; a heartbeat has no change.</summary>
public sealed record ScoreLogEntry(ConversationScoreChange? Change, StreamPosition After);
