using CraftCX.Aggregation.History;
using CraftCX.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CraftCX.PeerBenchmarks;

/// <summary>
/// Computes and keeps the peer-benchmark publication: from scratch each time, from the tenants opted in then, so a
/// tenant that leaves or is deleted is gone from the next one. It stores the publication alone, never who contributed.
/// </summary>
internal sealed partial class PeerBenchmarkGrain(
    [PersistentState("peer-benchmark", StorageNames.Aggregates)] IPersistentState<PeerBenchmarkState> state,
    IOptions<PeerBenchmarkOptions> options,
    TimeProvider time,
    ILogger<PeerBenchmarkGrain> logger) : Grain, IPeerBenchmarkGrain, IRemindable
{
    private const string PublishReminder = "peer-benchmark-publish";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A reminder, so that publications go on across restarts while any tenant takes part.
        if (await this.GetReminder(PublishReminder) is null)
        {
            await this.RegisterOrUpdateReminder(PublishReminder, options.Value.PublishInterval, options.Value.PublishInterval);
        }
    }

    public Task<PeerBenchmarkPublication?> GetAsync() => Task.FromResult(state.State.Latest);

    public async Task<PeerBenchmarkPublication> PublishAsync()
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var today = HistoryCalendar.Floor(HistoryGranularity.Day, now);
        if (!HistoryRange.TryCreate("day", today.AddDays(1 - settings.PeriodDays), today.AddDays(1), now, HistoryRetention.MaxMonths, out var range, out var error))
        {
            throw new InvalidOperationException($"PeerBenchmarks:PeriodDays {settings.PeriodDays} cannot be read from history: {error}");
        }

        var participants = GrainFactory.GetGrain<IPeerBenchmarkParticipantsGrain>(PeerBenchmarkKeys.Global);
        var tenants = await participants.GetAsync();
        var inputs = await Task.WhenAll(tenants.Select(t => InputOfAsync(t, range!)));
        var publication = new PeerBenchmarkPublication(
            now,
            range!.From,
            range.To,
            settings.MinimumTenants,
            PeerBenchmarkRules.Publish([.. inputs.OfType<PeerBenchmarkInput>()], settings.MinimumTenants, settings.MaxTenantShare, settings.MinimumConversations));
        state.State.Latest = publication;
        await this.WriteOrDeactivateAsync(state);
        return publication;
    }

    // A tenant that does not answer is left out of this publication rather than holding back everyone's.
    private async Task<PeerBenchmarkInput?> InputOfAsync(string tenant, HistoryRange range)
    {
        try
        {
            return await GrainFactory.GetGrain<ITenantGrain>(tenant).GetPeerBenchmarkInputAsync(range);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLeftOut(tenant, ex.GetType().Name);
            return null;
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != PublishReminder)
        {
            return;
        }

        if ((await GrainFactory.GetGrain<IPeerBenchmarkParticipantsGrain>(PeerBenchmarkKeys.Global).GetAsync()).Count == 0)
        {
            // Nobody takes part: nothing to publish until a tenant opts in again (which wakes this grain).
            state.State.Latest = null;
            await this.WriteOrDeactivateAsync(state);
            if (await this.GetReminder(PublishReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            DeactivateOnIdle();
            return;
        }

        // A changed PeerBenchmarks:PublishInterval takes over from the next tick (a reminder keeps the period it had).
        if (status.Period != options.Value.PublishInterval)
        {
            await this.RegisterOrUpdateReminder(PublishReminder, options.Value.PublishInterval, options.Value.PublishInterval);
        }

        await PublishAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Peer benchmarks: tenant {Tenant} left out of this publication ({ErrorType})")]
    private partial void LogLeftOut(string tenant, string errorType);
}
