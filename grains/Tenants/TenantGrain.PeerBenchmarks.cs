using CraftCX.Aggregation.History;
using CraftCX.PeerBenchmarks;

namespace CraftCX.Tenants;

/// <summary>The tenant's side of the peer benchmarks: its choice, and its segments from its own daily history.</summary>
internal sealed partial class TenantGrain
{
    public Task<PeerBenchmarkSettings> GetPeerBenchmarkSettingsAsync() => Task.FromResult(settings.State.PeerBenchmarks ?? new PeerBenchmarkSettings());

    public async Task<PeerBenchmarkSettings> SetPeerBenchmarkSettingsAsync(PeerBenchmarkSettings benchmarks)
    {
        EnsureNotDeleting();
        if (benchmarks.OptIn && !PeerSegments.IsIndustry(benchmarks.Industry))
        {
            throw new ArgumentException($"To opt in, name the industry as one of: {string.Join(", ", PeerSegments.Industries)}.", nameof(benchmarks));
        }

        if (benchmarks.Industry is not null && !PeerSegments.IsIndustry(benchmarks.Industry))
        {
            throw new ArgumentException($"Industry '{benchmarks.Industry}' is not one of: {string.Join(", ", PeerSegments.Industries)}.", nameof(benchmarks));
        }

        settings.State.PeerBenchmarks = benchmarks;
        await this.WriteOrDeactivateAsync(settings);

        // Stored first: a publication that asks this tenant reads its choice, whatever the registry says.
        await GrainFactory.GetGrain<IPeerBenchmarkParticipantsGrain>(PeerBenchmarkKeys.Global).SetAsync(this.GetPrimaryKeyString(), benchmarks.OptIn);
        return benchmarks;
    }

    public async Task<TenantPeerBenchmarks> GetPeerBenchmarksAsync()
    {
        var choice = settings.State.PeerBenchmarks ?? new PeerBenchmarkSettings();
        var publication = choice.OptIn ? await GrainFactory.GetGrain<IPeerBenchmarkGrain>(PeerBenchmarkKeys.Global).GetAsync() : null;
        if (publication is null || !HistoryRange.TryCreate("day", publication.From, publication.To, Now, HistoryRetention.MaxMonths, out var range, out _))
        {
            return new TenantPeerBenchmarks(choice, publication?.PublishedAt, []);
        }

        // Its own figures over the publication's period, each set against its segment's distribution.
        var segments = (await GetPeerSegmentsAsync(range!)).Select(own =>
        {
            var benchmark = publication.Segments.FirstOrDefault(p => p.Industry == choice.Industry && p.Channel == own.Channel && p.Handler == own.Handler);
            var mean = Aggregation.ScoreHistogram.Mean([.. own.Overall.Select(n => (long)n)]);
            return new TenantPeerSegment(own.Channel, own.Handler, own.Conversations, mean, benchmark, benchmark is null || mean is null ? null : PeerBenchmarkRules.PercentileRank(benchmark, mean.Value));
        }).ToList();
        return new TenantPeerBenchmarks(choice, publication.PublishedAt, segments);
    }

    private async Task<IReadOnlyList<PeerSegmentInput>> GetPeerSegmentsAsync(HistoryRange range) =>
        State.ContributionsApplied == 0 ? [] : PeerSegmentInputs.From(await MergedHistoryAsync(range));

    public async Task<PeerBenchmarkInput?> GetPeerBenchmarkInputAsync(HistoryRange range)
    {
        if (settings.State.PeerBenchmarks is not { OptIn: true, Industry: { } industry }
            || settings.State.Lifecycle?.State is TenantLifecycleState.Deleting or TenantLifecycleState.Deleted or TenantLifecycleState.Terminated)
        {
            return null;
        }

        return new PeerBenchmarkInput(industry, await GetPeerSegmentsAsync(range));
    }
}
