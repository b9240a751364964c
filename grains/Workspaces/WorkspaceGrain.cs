using CraftCX.Aggregation;
using CraftCX.ScoreChanges;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace CraftCX.Workspaces;

/// <summary>
/// Rolling scores, histograms, leaderboard and human-vs-bot comparison of one workspace. Each change it takes is
/// appended to the score log and, unless imported, published once per flush on the workspace's live stream.
/// </summary>
internal sealed class WorkspaceGrain(
    [PersistentState("workspace", StorageNames.Aggregates)] IPersistentState<AggregateState> state,
    TimeProvider time,
    IScoreChangeLog scoreLog,
    IOptions<AggregationOptions> options,
    ILogger<WorkspaceGrain> logger)
    : ScoreAggregateGrain(state, time, options, logger, AggregateLevel.Workspace, trackAgents: true, trackRecent: true), IWorkspaceGrain
{
    private IAsyncStream<WorkspaceLiveUpdate>? _live;

    public Task<WorkspaceLiveSnapshot> GetLiveSnapshotAsync()
    {
        var (tenant, workspace) = GrainKeys.Split(this.GetPrimaryKeyString());
        var view = State.ContributionsApplied == 0 ? null : Aggregate.View(AggregateLevel.Workspace, this.GetPrimaryKeyString(), Now, includeHistograms: true);
        var conversations = Aggregate.RecentConversations()
            .Select(c => LiveUpdateBuilder.ToScoreChange(c, c, workspace))
            .ToArray();
        return Task.FromResult(new WorkspaceLiveSnapshot(tenant, workspace, view, conversations));
    }

    protected override async Task OnChangedAsync(IReadOnlyList<(ScoreContribution Current, ScoreContribution? Previous)> changes)
    {
        var (tenant, workspace) = GrainKeys.Split(this.GetPrimaryKeyString());
        var now = Now;
        var lastHour = Aggregate.Window(WindowedAggregate.Windows[0], now, includeHistograms: true);
        var update = LiveUpdateBuilder.Build(tenant, workspace, now, changes, lastHour);

        // An import is logged but not shown live: a backfill of last month must not flood the dashboard.
        var shown = LiveUpdateBuilder.LiveOnly(changes);
        WorkspaceLiveUpdate? live = shown.Count == changes.Count ? update : null;
        if (shown.Count > 0 && live is null)
        {
            live = LiveUpdateBuilder.Build(tenant, workspace, now, shown, lastHour);
        }

        // The log and the live stream together. The log is what must hold (at least once: a failure here fails
        // the call, nothing is stored, and the retry appends again; readers key on conversation and version). The
        // live stream is best effort: a missed update is superseded by the next one, and one shown before its log
        // append failed comes back with the retry.
        var appended = scoreLog.AppendAsync(update.Conversations);
        _live ??= this.GetStreamProvider(LiveStreams.Provider).GetStream<WorkspaceLiveUpdate>(StreamId.Create(LiveStreams.WorkspaceNamespace, this.GetPrimaryKeyString()));
        try
        {
            if (live is not null)
            {
                await _live.OnNextAsync(live);
            }
        }
        finally
        {
            await appended;
        }
    }
}
