namespace CraftCX.Audit;

/// <summary>
/// A tenant's audit log. Appends interleave and share writes; the chain is extended synchronously, so entries
/// keep their order. The head keeps the newest entries and seals each full run of <see cref="SegmentSize"/> into
/// a segment grain of its own, so that no row grows without bound.
/// </summary>
internal sealed class AuditLogGrain(
    [PersistentState("audit-log", StorageNames.Tenants)] IPersistentState<AuditLogState> state,
    TimeProvider time) : Grain, IAuditLogGrain
{
    public const int SegmentSize = 500;

    private CoalescedStateWriter? _writer;

    private CoalescedStateWriter Writer => _writer ??= new CoalescedStateWriter(WriteAsync, TimeSpan.Zero, time);

    public async Task<AuditEntry> AppendAsync(AuditRecord record)
    {
        AuditEntry? appended = null;
        try
        {
            await Writer.ChangeAsync(
                () =>
                {
                    var head = state.State;
                    var previous = head.LastSequence == 0 ? AuditChain.Genesis(this.GetPrimaryKeyString()) : head.LastHash;
                    appended = AuditChain.Next(previous, head.LastSequence + 1, time.GetUtcNow(), record);
                    head.Current.Add(appended);
                    head.LastSequence = appended.Sequence;
                    head.LastHash = appended.Hash;
                    return appended;
                },
                _ => Task.CompletedTask);
        }
        catch when (Writer.Failed)
        {
            DeactivateOnIdle();
            throw;
        }

        return appended!;
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(long fromSequence, int limit)
    {
        var from = Math.Max((state.State.Anchor?.Sequence ?? 0) + 1, fromSequence);
        var entries = new List<AuditEntry>(Math.Min(limit, 1000));
        if (from > state.State.LastSequence)
        {
            return entries;
        }

        var segment = Math.Max(state.State.FirstSegment, (from - 1) / SegmentSize);
        while (entries.Count < limit && segment < state.State.SealedSegments)
        {
            entries.AddRange((await Segment(segment).ReadAsync()).Where(e => e.Sequence >= from).Take(limit - entries.Count));
            segment++;
        }

        entries.AddRange(state.State.Current.Where(e => e.Sequence >= from).Take(limit - entries.Count));
        return entries;
    }

    public async Task<AuditVerification> VerifyAsync()
    {
        var all = new List<AuditEntry>();
        for (var segment = state.State.FirstSegment; segment < state.State.SealedSegments; segment++)
        {
            all.AddRange(await Segment(segment).ReadAsync());
        }

        all.AddRange(state.State.Current);
        var anchor = state.State.Anchor;
        var verification = AuditChain.Verify(this.GetPrimaryKeyString(), all, anchor);

        // The head's own count and last hash must match too: dropping entries at the end is tampering as well.
        var kept = state.State.LastSequence - (anchor?.Sequence ?? 0);
        var complete = all.Count == kept && (all.Count == 0 || all[^1].Hash == state.State.LastHash);
        return verification.Valid && !complete
            ? verification with { Valid = false, FirstInvalidSequence = (anchor?.Sequence ?? 0) + all.Count + 1L }
            : verification;
    }

    public async Task<AuditExpiry> ExpireAsync(DateTimeOffset before)
    {
        var head = state.State;
        var segments = 0;
        var entries = 0L;
        if (head.FirstSegment > 0)
        {
            // A crash after the last expiry stored its anchor may have left that segment's row behind.
            await Segment(head.FirstSegment - 1).ForgetAsync();
        }

        while (head.FirstSegment < head.SealedSegments)
        {
            var oldest = await Segment(head.FirstSegment).ReadAsync();
            // An empty segment is a lost row: expiry stops there rather than move the start past the damage.
            if (oldest.Count == 0 || oldest[^1].At >= before)
            {
                break;
            }

            // The anchor is stored before the segment goes (a crash in between leaves a segment the log skips), and
            // through the writer, because appends interleave with this.
            var expired = head.FirstSegment;
            await ChangeAsync(() =>
            {
                if (oldest.Count > 0)
                {
                    head.Anchor = new AuditAnchor(oldest[^1].Sequence, oldest[^1].Hash);
                }

                head.FirstSegment = expired + 1;
                return head;
            });
            await Segment(expired).ForgetAsync();
            segments++;
            entries += oldest.Count;
        }

        var expiry = new AuditExpiry(segments, entries, head.Anchor);
        if (segments > 0)
        {
            await AppendAsync(new AuditRecord("system", "audit.expired", $"through={head.Anchor?.Sequence}", "done", $"segments={segments} entries={entries}"));
        }

        return expiry;
    }

    public Task<AuditAnchor?> GetAnchorAsync() => Task.FromResult(state.State.Anchor);

    public async Task ForgetAsync()
    {
        for (var segment = state.State.FirstSegment; segment < state.State.SealedSegments; segment++)
        {
            await Segment(segment).ForgetAsync();
        }

        await state.ForgetStoredAsync();
    }

    private async Task ChangeAsync(Func<AuditLogState> change)
    {
        try
        {
            await Writer.ChangeAsync(change, _ => Task.CompletedTask);
        }
        catch when (Writer.Failed)
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private IAuditSegmentGrain Segment(long number) => GrainFactory.GetGrain<IAuditSegmentGrain>($"{this.GetPrimaryKeyString()}/{number}");

    // A full run goes to its segment before the head forgets it: a crash in between seals the same run again.
    private async Task WriteAsync()
    {
        var head = state.State;
        while (head.Current.Count >= SegmentSize)
        {
            await Segment(head.SealedSegments).SealAsync(head.Current.Take(SegmentSize).ToList());
            head.Current.RemoveRange(0, SegmentSize);
            head.SealedSegments++;
        }

        await state.WriteStateAsync();
    }
}
