using CraftCX.Aggregation;
using Microsoft.Extensions.Logging;

namespace CraftCX.Workspaces;

/// <summary>Rolling scores, histograms, leaderboard and human-vs-bot comparison of one workspace.</summary>
public sealed class WorkspaceGrain(
    [PersistentState("workspace", StorageNames.Aggregates)] IPersistentState<AggregateState> state,
    TimeProvider time,
    ILogger<WorkspaceGrain> logger)
    : ScoreAggregateGrain(state, time, logger, AggregateLevel.Workspace, trackAgents: true), IWorkspaceGrain;
