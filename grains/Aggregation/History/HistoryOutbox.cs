using CraftCX.Aggregation.History;

namespace CraftCX.Aggregation;

/// <summary>
/// The history changes an aggregate has made and not yet seen stored in their chunks. They live in the
/// aggregate's own state, so they are stored with the contributions that caused them, and sent only after: a
/// chunk can never hold a change its aggregate lost. Until it is handed to a send, a chunk's delta keeps taking
/// changes, and takes a new number when it changes after a write stored it (so it is sent only once stored
/// again); a delta handed to a send never changes, since the chunk may have applied it. So the outbox holds about
/// one delta per chunk, however many writes happen between two sends.
/// </summary>
internal sealed class HistoryOutbox(AggregateState state, bool trackAgents, bool trackSegments = false)
{
    // Deltas of this activation never handed to a send (a stored one from before may have been sent: never changed).
    private readonly Dictionary<HistoryChunkId, HistoryDelta> _open = [];

    // Deltas numbered since the last write started: they may change without a new number.
    private readonly HashSet<HistoryDelta> _numbered = new(ReferenceEqualityComparer.Instance);

    // The trim each chunk stored in this activation (after a restart, one more trim per chunk changes nothing).
    private readonly Dictionary<HistoryChunkId, long> _trimmed = [];

    // Activity this recent is within every granularity's retention (the shortest keeps a day).
    private static readonly TimeSpan RecentEnough = TimeSpan.FromHours(23);

    // Every delta in the stored state was stored, so after a restart all of them may be sent.
    private long _storedUpTo = state.HistorySequence;

    public bool IsEmpty => state.HistoryOutbox.Count == 0;

    /// <summary>Moves a conversation's effect in history from its previous contribution to its current one.</summary>
    public void Record(ScoreContribution? previous, ScoreContribution current, DateTimeOffset now)
    {
        if (previous is { Retracted: false })
        {
            Add(previous, -1, now);
        }

        if (!current.Retracted)
        {
            Add(current, +1, now);
        }
    }

    /// <summary>A state write starts: the deltas are stored as they are now. Answers the last number sealed.</summary>
    public long Seal()
    {
        _numbered.Clear();
        return state.HistorySequence;
    }

    /// <summary>A write that started at <see cref="Seal"/> completed: deltas up to that number may be sent.</summary>
    public void Stored(long upTo) => _storedUpTo = Math.Max(_storedUpTo, upTo);

    /// <summary>Whether a stored delta waits to be sent.</summary>
    public bool HasSendable => state.HistoryOutbox.Any(d => d.Sequence <= _storedUpTo);

    /// <summary>Stored deltas, per chunk, oldest first, handed to a send: from now on they never change.</summary>
    public IReadOnlyList<(HistoryChunkId Chunk, IReadOnlyList<HistoryDelta> Deltas)> TakeSendable()
    {
        var sendable = state.HistoryOutbox
            .Where(d => d.Sequence <= _storedUpTo)
            .GroupBy(d => d.Chunk)
            .Select(g => (g.Key, (IReadOnlyList<HistoryDelta>)g.OrderBy(d => d.Sequence).ToArray()))
            .ToArray();
        foreach (var (chunk, deltas) in sendable)
        {
            if (_open.TryGetValue(chunk, out var open) && deltas.Contains(open))
            {
                _open.Remove(chunk);
            }
        }

        return sendable;
    }

    /// <summary>The chunk stored deltas up to <paramref name="upTo"/>: they leave the outbox. Call only between writes.</summary>
    public bool Acknowledge(HistoryChunkId chunk, long upTo) =>
        state.HistoryOutbox.RemoveAll(d => d.Chunk == chunk && d.Sequence <= upTo) > 0;

    /// <summary>
    /// The deltas now, for a query to add to what the chunks store. Taken before the chunks are read: a delta a
    /// send stores and acknowledges meanwhile is then still in the copy, and the chunk's number tells it apart.
    /// </summary>
    public IReadOnlyList<HistoryDelta> Pending() => state.HistoryOutbox.ToArray();

    /// <summary>Chunks written to that left retention by <paramref name="now"/>.</summary>
    public IReadOnlyList<HistoryChunkId> Expired(DateTimeOffset now, int months) =>
        state.HistoryChunks.Where(c => HistoryRetention.Expired(c.Granularity, c.End, now, months)).ToArray();

    /// <summary>
    /// Chunks that straddle their retention's edge at <paramref name="now"/>, each with its first bucket still kept:
    /// a chunk spans up to a year, and its expired buckets must not wait for the newest one to expire.
    /// </summary>
    public IReadOnlyList<(HistoryChunkId Chunk, long FirstKept)> Trimmable(DateTimeOffset now, int months) =>
        state.HistoryChunks
            .Where(c => !HistoryRetention.Expired(c.Granularity, c.End, now, months))
            .Select(c => (Chunk: c, FirstKept: HistoryCalendar.IndexOf(c.Granularity, HistoryRetention.OldestKept(c.Granularity, now, months))))
            .Where(t => t.FirstKept > t.Chunk.FirstBucket && t.FirstKept > _trimmed.GetValueOrDefault(t.Chunk, long.MinValue))
            .ToArray();

    /// <summary>A chunk stored its trim: it is not asked again until its edge moves to another bucket.</summary>
    public void Trimmed(HistoryChunkId chunk, long firstKept) => _trimmed[chunk] = firstKept;

    /// <summary>The chunks this aggregate has written to (its tenant's deletion forgets them all).</summary>
    public IReadOnlyList<HistoryChunkId> Chunks => state.HistoryChunks;

    /// <summary>A chunk is forgotten: nothing more goes to it. Call only between writes.</summary>
    public void Forget(HistoryChunkId chunk)
    {
        state.HistoryChunks.Remove(chunk);
        state.HistoryOutbox.RemoveAll(d => d.Chunk == chunk);
        _open.Remove(chunk);
        _trimmed.Remove(chunk);
    }

    private void Add(ScoreContribution contribution, int sign, DateTimeOffset now)
    {
        // Live activity is kept at every granularity; only older activity needs the retention arithmetic.
        var recent = now - contribution.At < RecentEnough;
        foreach (var granularity in HistoryChunkId.Stored)
        {
            var index = HistoryCalendar.IndexOf(granularity, contribution.At);

            // Kept no longer than the longest period a tenant may choose; a tenant's own shorter one is swept.
            if (!recent && HistoryRetention.Expired(granularity, HistoryCalendar.EndOf(granularity, index), now, HistoryRetention.MaxMonths))
            {
                continue;
            }

            var chunk = HistoryChunkId.Of(granularity, index);
            if (!_open.TryGetValue(chunk, out var delta))
            {
                delta = new HistoryDelta { Chunk = chunk, Sequence = ++state.HistorySequence };
                _open[chunk] = delta;
                _numbered.Add(delta);
                state.HistoryOutbox.Add(delta);
                if (!state.HistoryChunks.Contains(chunk))
                {
                    state.HistoryChunks.Add(chunk);
                }
            }
            else if (_numbered.Add(delta))
            {
                // Stored as it was: changed now, it is sent only once a write has stored it again.
                delta.Sequence = ++state.HistorySequence;
            }

            if (!delta.Buckets.TryGetValue(index, out var bucket))
            {
                bucket = new AggregateBucket();
                delta.Buckets[index] = bucket;
            }

            // A bucket that nets to nothing is dropped by its chunk; checking here would cost more than sending it.
            // Segments for the peer benchmarks by day only: they are read over weeks, and would weigh on every bucket.
            bucket.Apply(contribution, sign, trackAgents, trackSegments && granularity == HistoryGranularity.Day);
        }
    }
}
