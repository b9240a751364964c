using System.Collections.Concurrent;
using System.Diagnostics;
using CraftCX.Diagnostics;
using CraftCX.ScoreChanges;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;

namespace CraftCX.Api.Dashboard;

/// <summary>
/// Brings workspace live streams (Orleans streams, so updates raised on any silo) to the SignalR clients of this
/// silo: it subscribes while at least one local client watches a workspace, merges what arrives, and sends it to
/// the workspace's group at most once per <see cref="LiveOptions.MinInterval"/>, standings at most once per
/// <see cref="LiveOptions.StandingsInterval"/>.
/// </summary>
internal sealed partial class LiveUpdateBridge(
    IClusterClient cluster,
    IHubContext<LiveHub, ILiveClient> hub,
    IOptions<LiveOptions> options,
    TimeProvider time,
    LiveMetrics metrics,
    LiveTracing tracing,
    ILogger<LiveUpdateBridge> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Watched> _watched = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _subscriptions = new(1, 1);

    /// <summary>A client of this silo starts watching tenant/workspace.</summary>
    public async Task AcquireAsync(string workspaceKey)
    {
        await _subscriptions.WaitAsync();
        try
        {
            if (_watched.TryGetValue(workspaceKey, out var watched))
            {
                watched.Watchers++;
                return;
            }

            var coalescer = new WorkspaceCoalescer(options.Value.MaxAlertsPerMessage);
            var stream = cluster.GetStreamProvider(LiveStreams.Provider).GetStream<WorkspaceLiveUpdate>(StreamId.Create(LiveStreams.WorkspaceNamespace, workspaceKey));
            var handle = await stream.SubscribeAsync((update, _) =>
            {
                coalescer.Add(update);
                return Task.CompletedTask;
            });
            _watched[workspaceKey] = new Watched(coalescer, handle) { Watchers = 1 };
        }
        finally
        {
            _subscriptions.Release();
        }
    }

    /// <summary>A client of this silo stops watching; the last one out unsubscribes.</summary>
    public async Task ReleaseAsync(string workspaceKey)
    {
        await _subscriptions.WaitAsync();
        try
        {
            if (_watched.TryGetValue(workspaceKey, out var watched) && --watched.Watchers <= 0)
            {
                _watched.TryRemove(workspaceKey, out _);
                await watched.Subscription.UnsubscribeAsync();
            }
        }
        finally
        {
            _subscriptions.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Tick);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = time.GetUtcNow();
            foreach (var (key, watched) in _watched)
            {
                // Leading edge: a change after a quiet spell goes out now; during a burst, once per interval.
                var withStandings = now - watched.StandingsSent >= options.Value.StandingsInterval;
                if (now - watched.LastSent < options.Value.MinInterval || watched.Coalescer.Take(withStandings) is not { } pending)
                {
                    continue;
                }

                watched.LastSent = now;
                if (pending.Summary is not null || pending.Agents.Count > 0)
                {
                    watched.StandingsSent = now;
                }

                try
                {
                    await SendAsync(key, pending);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSendFailed(ex, key);
                }
            }
        }
    }

    private async Task SendAsync(string workspaceKey, PendingLiveMessages pending)
    {
        var clients = hub.Clients.Group(workspaceKey);
        var (tenant, workspace) = GrainKeys.Split(workspaceKey);

        // One span per send, linked to the traces of the events whose scores it carries (merged since the last send).
        using var activity = TraceLinks.StartBatch(tracing.Source, "craftcx.live.send", ActivityKind.Producer, pending.Conversations.Select(c => c.TraceParent));
        activity?.SetTag("craftcx.tenant", tenant);
        activity?.SetTag("craftcx.changes", pending.Conversations.Count);
        if (pending.Conversations.Count > 0)
        {
            await clients.ConversationScoresChanged(workspace, pending.Conversations);
            metrics.Sent("conversation-scores");
        }

        if (pending.Agents.Count > 0)
        {
            await clients.AgentScoresChanged(workspace, pending.Agents);
            metrics.Sent("agent-scores");
        }

        if (pending.Alerts.Count > 0)
        {
            await clients.Alerts(workspace, pending.Alerts);
            metrics.Sent("alerts");
        }

        if (pending.Summary is { } summary)
        {
            await clients.WorkspaceAggregateChanged(workspace, summary);
            metrics.Sent("workspace-aggregate");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending live updates of {Workspace} failed")]
    private partial void LogSendFailed(Exception exception, string workspace);

    private sealed class Watched(WorkspaceCoalescer coalescer, StreamSubscriptionHandle<WorkspaceLiveUpdate> subscription)
    {
        public WorkspaceCoalescer Coalescer { get; } = coalescer;
        public StreamSubscriptionHandle<WorkspaceLiveUpdate> Subscription { get; } = subscription;
        public int Watchers { get; set; }

        public DateTimeOffset LastSent { get; set; }

        public DateTimeOffset StandingsSent { get; set; }
    }
}
