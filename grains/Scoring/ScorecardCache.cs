using System.Collections.Concurrent;
using CraftCX.Tenants;
using Microsoft.Extensions.Options;

namespace CraftCX.Scoring;

/// <summary>
/// Per-silo cache of compiled scorecards, so that thousands of conversation activations do not all call
/// the one tenant grain; a changed scorecard reaches every silo within the refresh interval.
/// </summary>
public sealed class ScorecardCache(IGrainFactory grainFactory, TimeProvider time, IOptions<ScoringOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _byTenant = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Id, int Version), CompiledScorecard> _compiled = new();

    public ValueTask<CompiledScorecard> GetAsync(string tenant)
    {
        var now = time.GetUtcNow();
        return _byTenant.TryGetValue(tenant, out var entry) && now - entry.FetchedAt < options.Value.ScorecardRefreshInterval
            ? ValueTask.FromResult(entry.Scorecard)
            : FetchAsync(tenant, now);
    }

    private async ValueTask<CompiledScorecard> FetchAsync(string tenant, DateTimeOffset now)
    {
        var definition = await grainFactory.GetGrain<ITenantGrain>(tenant).GetScorecardAsync();
        var compiled = Compile(definition);
        _byTenant[tenant] = new Entry(compiled, now);
        return compiled;
    }

    /// <summary>Compiles once per scorecard id and version, shared by every tenant that uses it.</summary>
    public CompiledScorecard Compile(Scorecard definition) =>
        _compiled.GetOrAdd((definition.Id, definition.Version), static (_, d) => CompiledScorecard.Compile(d), definition);

    private sealed record Entry(CompiledScorecard Scorecard, DateTimeOffset FetchedAt);
}
