using CraftCX.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CraftCX.Aggregation;

/// <summary>
/// Shared behaviour of the agent, workspace and tenant grains: apply contributions of their own tenant only,
/// hold them with the versions that make retries harmless until their conversation releases them, and show the
/// rolling windows. Contribution calls interleave (several flushes may be under way) and share state writes, at
/// most one per write interval.
/// </summary>
internal abstract partial class ScoreAggregateGrain(
    IPersistentState<AggregateState> state,
    TimeProvider time,
    IOptions<AggregationOptions> options,
    ILogger logger,
    AggregateLevel level,
    bool trackAgents,
    bool trackRecent = false) : Grain, IScoreAggregateGrain
{
    private WindowedAggregate? _aggregate;
    private CoalescedStateWriter? _writer;
    private string _tenant = string.Empty;

    protected AggregateState State => state.State;

    protected ILogger Logger => logger;

    protected WindowedAggregate Aggregate => _aggregate ??= new WindowedAggregate(state.State, trackAgents, trackRecent);

    /// <summary>The tenant's data is deleted: the stored aggregate goes, and this activation with it.</summary>
    protected async Task ForgetAggregateAsync()
    {
        // Writes under way or pending finish first, so none stores the aggregate again after it is forgotten.
        if (_writer is { } writer)
        {
            await writer.ChangeAsync<object>(() => null, _ => Task.CompletedTask);
        }

        await state.ForgetStoredAsync();
        _writer = null;
        _aggregate = null;
        DeactivateOnIdle();
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        _tenant = level == AggregateLevel.Tenant ? key : GrainKeys.Split(key).Tenant;
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task ApplyContributionsAsync(IReadOnlyList<ScoreContribution> contributions)
    {
        var writer = Writer;
        try
        {
            // Announced before stored: a failed announcement leaves the change unstored, so the retry brings it again.
            await writer.ChangeAsync(() => Apply(contributions), OnChangedAsync);
        }
        catch when (writer.Failed)
        {
            DeactivateOnIdle();
            throw;
        }
    }

    public async Task ReleaseContributionsAsync(IReadOnlyList<ContributionRelease> releases)
    {
        var writer = Writer;
        try
        {
            await writer.ChangeAsync(() => Release(releases), _ => Task.CompletedTask);
        }
        catch when (writer.Failed)
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private CoalescedStateWriter Writer => _writer ??= new CoalescedStateWriter(() => this.WriteOrDeactivateAsync(state), options.Value.WriteInterval, time);

    private object? Release(IReadOnlyList<ContributionRelease> releases)
    {
        var aggregate = Aggregate;
        var now = time.GetUtcNow();
        var released = 0;
        foreach (var release in releases)
        {
            if (BelongsToTenant(release.ConversationKey) && aggregate.Release(release, now))
            {
                released++;
            }
        }

        return released > 0 ? releases : null;
    }

    private List<(ScoreContribution Current, ScoreContribution? Previous)>? Apply(IReadOnlyList<ScoreContribution> contributions)
    {
        var aggregate = Aggregate;
        var now = time.GetUtcNow();
        var stale = contributions.Count(c => IsStale(aggregate, c, now));
        if (stale > 0)
        {
            // Refused whole, before anything changes: the batcher drops the old copies and sends the rest again.
            throw new StaleContributionException(stale);
        }

        var changes = new List<(ScoreContribution Current, ScoreContribution? Previous)>();
        foreach (var contribution in contributions)
        {
            if (!BelongsToTenant(contribution.ConversationKey))
            {
                // Tenant isolation is a promise: a contribution of another tenant is refused, loudly.
                LogForeignContribution(this.GetPrimaryKeyString(), contribution.ConversationKey);
                continue;
            }

            if (aggregate.Apply(contribution, now, out var previous))
            {
                changes.Add((contribution, previous));
            }
        }

        aggregate.EvictExpired(now);
        return changes.Count > 0 ? changes : null;
    }

    // Only a conversation this aggregate no longer holds is at risk: a copy sent before its release would count again
    // once the release is no longer recognised (a minute, in memory). So such a copy must be recent. (Refusing copies
    // sent before a restart as well stalled every aggregate that restarted soon after a release: the copy that
    // activates it is always older than the activation.)
    private bool IsStale(WindowedAggregate aggregate, ScoreContribution c, DateTimeOffset now)
    {
        if (c.IssuedAt == default || aggregate.Holds(c.ConversationKey))
        {
            return false;
        }

        var o = options.Value;
        return now - c.IssuedAt > o.MaxCopyAge + o.MaxClockSkew;
    }

    /// <summary>Called with the contributions that changed this aggregate, before a write can store them.</summary>
    protected virtual Task OnChangedAsync(IReadOnlyList<(ScoreContribution Current, ScoreContribution? Previous)> changes) => Task.CompletedTask;

    protected DateTimeOffset Now => time.GetUtcNow();

    public Task<IReadOnlyList<WindowView>> GetBucketsAsync(string granularity, DateTimeOffset from, DateTimeOffset to) =>
        Task.FromResult(Aggregate.Buckets(granularity, from, to));

    public Task<AggregateView?> GetViewAsync() =>
        Task.FromResult(state.State.ContributionsApplied == 0
            ? null
            : Aggregate.View(level, this.GetPrimaryKeyString(), time.GetUtcNow(), includeHistograms: true));

    private bool BelongsToTenant(string conversationKey) =>
        conversationKey.Length > _tenant.Length
        && conversationKey[_tenant.Length] == '/'
        && conversationKey.StartsWith(_tenant, StringComparison.Ordinal)
        && IdRules.IsValidScope(_tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Aggregate {Aggregate} refused a contribution of conversation {Conversation} from another tenant")]
    private partial void LogForeignContribution(string aggregate, string conversation);
}
