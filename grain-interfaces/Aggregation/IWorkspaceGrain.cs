using CraftCX.ScoreChanges;

namespace CraftCX.Aggregation;

/// <summary>Rolling scores, histograms and leaderboard of one workspace; key tenant/workspace.</summary>
[Alias("craftcx.IWorkspaceGrain")]
public interface IWorkspaceGrain : IScoreAggregateGrain, IGrainWithStringKey
{
    /// <summary>The aggregates and the latest conversations, for a dashboard that opens the workspace.</summary>
    [ReadOnly]
    Task<WorkspaceLiveSnapshot> GetLiveSnapshotAsync();
}
