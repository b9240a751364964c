namespace CraftCX.Aggregation;

/// <summary>Rolling scores, histograms and leaderboard of one workspace; key tenant/workspace.</summary>
[Alias("craftcx.IWorkspaceGrain")]
public interface IWorkspaceGrain : IScoreAggregateGrain, IGrainWithStringKey;
