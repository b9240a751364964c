using CraftCX.Aggregation;
using CraftCX.Scoring;
using Microsoft.Extensions.Logging;

namespace CraftCX.Tenants;

/// <summary>A tenant's settings and its tenant-wide rolling aggregates.</summary>
public sealed class TenantGrain(
    [PersistentState("tenant-aggregate", StorageNames.Aggregates)] IPersistentState<AggregateState> aggregate,
    [PersistentState("tenant-settings", StorageNames.Tenants)] IPersistentState<TenantSettings> settings,
    TimeProvider time,
    ILogger<TenantGrain> logger)
    : ScoreAggregateGrain(aggregate, time, logger, AggregateLevel.Tenant, trackAgents: true), ITenantGrain
{
    public Task<Scorecard> GetScorecardAsync() => Task.FromResult(settings.State.Scorecard ?? DefaultScorecard.Create());

    public async Task<Scorecard> SetScorecardAsync(Scorecard scorecard)
    {
        ScorecardValidator.EnsureValid(scorecard);
        var previous = settings.State.Scorecard ?? DefaultScorecard.Create();
        if (scorecard.Version <= previous.Version && scorecard.Id == previous.Id)
        {
            // Compiled scorecards are cached by id and version: an edit must not reuse a version.
            scorecard = scorecard with { Version = previous.Version + 1 };
        }

        settings.State.Scorecard = scorecard;
        await this.WriteOrDeactivateAsync(settings);
        return scorecard;
    }
}
