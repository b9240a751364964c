using Microsoft.Extensions.Options;

namespace CraftCX.Privacy;

/// <summary>
/// One retention bucket. Closes arrive from many conversations at once, so they interleave and share writes
/// (group commit).
/// </summary>
internal sealed class RetentionBucketGrain(
    [PersistentState("retention-bucket", StorageNames.Tenants)] IPersistentState<RetentionBucketState> state,
    IOptions<RetentionOptions> options,
    TimeProvider time) : Grain, IRetentionBucketGrain
{
    private CoalescedStateWriter? _writer;

    private CoalescedStateWriter Writer => _writer ??= new CoalescedStateWriter(WriteAsync, options.Value.BucketWriteInterval, time);

    public async Task AddAsync(string conversation)
    {
        await ChangeAsync(() => state.State.Conversations.Add(conversation));

        // After the id is stored, every time: a sweep that began before this moment may have listed the bucket
        // without it, and the day's new generation keeps that sweep from calling the day done.
        var (tenant, day) = RetentionBuckets.Parse(this.GetPrimaryKeyString());
        await GrainFactory.GetGrain<IRetentionGrain>(tenant).TrackDayAsync(day);
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.Conversations.ToArray());

    public Task RemoveAsync(IReadOnlyList<string> conversations) =>
        ChangeAsync(() => conversations.Aggregate(false, (changed, c) => state.State.Conversations.Remove(c) | changed));

    // An unchanged call still waits until what an earlier one changed is stored.
    private Task ChangeAsync(Func<bool> change) => this.ChangeOrDeactivateAsync(Writer, change);

    // An emptied bucket leaves no row.
    private Task WriteAsync() => state.State.Conversations.Count > 0 ? state.WriteStateAsync() : state.ClearStateAsync();
}
