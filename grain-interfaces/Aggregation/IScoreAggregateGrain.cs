namespace CraftCX.Aggregation;

/// <summary>What every aggregate (agent, workspace, tenant) accepts and shows.</summary>
public interface IScoreAggregateGrain
{
    /// <summary>
    /// Forgets released contributions (after a grace period that outlasts any retried call); their effect stays.
    /// Completes once stored.
    /// </summary>
    [AlwaysInterleave]
    Task ReleaseContributionsAsync([Immutable] IReadOnlyList<ContributionRelease> releases);

    /// <summary>
    /// Applies contributions; older versions than the ones held are ignored. Completes once they are stored. The
    /// caller must not change the list afterwards. Calls interleave, so one slow write does not queue the next flush.
    /// </summary>
    [AlwaysInterleave]
    Task ApplyContributionsAsync([Immutable] IReadOnlyList<ScoreContribution> contributions);

    /// <summary>The rolling windows as of now, or null when nothing was ever contributed.</summary>
    [ReadOnly]
    Task<AggregateView?> GetViewAsync();

    /// <summary>
    /// History over a checked range (see <see cref="History.HistoryRange.TryCreate"/>), with the span before it when
    /// asked; null when nothing was ever contributed.
    /// </summary>
    [ReadOnly]
    Task<History.HistoryView?> GetHistoryAsync(History.HistoryRange range, bool compare);
}
