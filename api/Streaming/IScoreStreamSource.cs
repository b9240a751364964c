using CraftCX.Live;

namespace CraftCX.Api.Streaming;

/// <summary>Reads the durable score log from a position, as long as asked or up to its current end.</summary>
public interface IScoreStreamSource
{
    /// <summary>
    /// Entries after <paramref name="position"/> (null: from the start, or from now when <paramref name="fromNow"/>);
    /// each comes with the position just after it. Heartbeats (Change null) carry the position while the log is idle.
    /// </summary>
    IAsyncEnumerable<ScoreLogEntry> ReadAsync(StreamPosition? position, bool fromNow, bool follow, CancellationToken cancellationToken);
}

/// <summary>A score change and the cursor that resumes right after it; a heartbeat has no change.</summary>
public sealed record ScoreLogEntry(ConversationScoreChange? Change, StreamPosition After);
