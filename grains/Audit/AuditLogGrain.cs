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
        var from = Math.Max(1, fromSequence);
        var entries = new List<AuditEntry>(Math.Min(limit, 1000));
        if (from > state.State.LastSequence)
        {
            return entries;
        }

        var segment = (long)((from - 1) / SegmentSize);
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
        for (var segment = 0; segment < state.State.SealedSegments; segment++)
        {
            all.AddRange(await Segment(segment).ReadAsync());
        }

        all.AddRange(state.State.Current);
        var verification = AuditChain.Verify(this.GetPrimaryKeyString(), all);

        // The head's own count and last hash must match too: dropping entries at the end is tampering as well.
        var complete = all.Count == state.State.LastSequence && (all.Count == 0 || all[^1].Hash == state.State.LastHash);
        return verification.Valid && !complete
            ? verification with { Valid = false, FirstInvalidSequence = all.Count + 1L }
            : verification;
    }

    public async Task ForgetAsync()
    {
        for (var segment = 0; segment < state.State.SealedSegments; segment++)
        {
            await Segment(segment).ForgetAsync();
        }

        await state.ClearStateAsync();
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
