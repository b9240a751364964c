namespace CraftCX.Privacy;

/// <summary>
/// A tenant's retention: knows which days have closed conversations, and on its reminder (or when asked) purges
/// the days that passed a horizon of the tenant's policy; key: the tenant id.
/// </summary>
[Alias("craftcx.IRetentionGrain")]
public interface IRetentionGrain : IGrainWithStringKey
{
    /// <summary>A bucket of this day stored a conversation: the day is (again) to be swept.</summary>
    Task TrackDayAsync(DateOnly day);

    /// <summary>Starts a sweep unless one is running, and answers at once with its progress.</summary>
    Task<RetentionStatus> SweepAsync();

    [AlwaysInterleave]
    Task<RetentionStatus> GetStatusAsync();

    /// <summary>
    /// The tenant's data is deleted: every conversation indexed under any day is forgotten (with its reviews,
    /// calibration sample and index entries), the buckets are emptied and the sweep stops; answers how many.
    /// </summary>
    Task<int> ForgetTenantAsync();
}
