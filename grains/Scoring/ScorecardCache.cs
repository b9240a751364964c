using System.Collections.Concurrent;
using CraftCX.Tenants;
using Microsoft.Extensions.Options;

namespace CraftCX.Scoring;

/// <summary>
/// Per-silo cache of compiled scorecards, keyed by tenant, so that thousands of conversation activations do not all
/// call the one tenant grain; a changed scorecard reaches every silo within the refresh interval.
/// </summary>
public sealed class ScorecardCache(IGrainFactory grainFactory, TimeProvider time, IOptions<ScoringOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _byTenant = new(StringComparer.Ordinal);

    public ValueTask<CompiledScorecard> GetAsync(string tenant)
    {
        var now = time.GetUtcNow();
        return _byTenant.TryGetValue(tenant, out var entry) && now - entry.FetchedAt < options.Value.ScorecardRefreshInterval
            ? ValueTask.FromResult(entry.Scorecard)
            : FetchAsync(tenant, entry, now);
    }

    private async ValueTask<CompiledScorecard> FetchAsync(string tenant, Entry? previous, DateTimeOffset now)
    {
        var definition = await grainFactory.GetGrain<ITenantGrain>(tenant).GetScorecardAsync();

        // Ids are the tenant's own choice, so only this tenant's previous compilation may be reused; the tenant
        // grain raises the version on every edit, so an unchanged version means unchanged content.
        var compiled = previous is not null && previous.Scorecard.Definition.Id == definition.Id && previous.Scorecard.Definition.Version == definition.Version
            ? previous.Scorecard
            : CompiledScorecard.Compile(definition);
        _byTenant[tenant] = new Entry(compiled, now);
        return compiled;
    }

    private sealed record Entry(CompiledScorecard Scorecard, DateTimeOffset FetchedAt);
}
