using System.Collections.Immutable;
using CraftCX.Aggregation;
using CraftCX.Tenants;
using CraftCX.Tests.Encryption;

namespace CraftCX.Tests.Aggregation;

/// <summary>
/// A copy of a contribution sent before its conversation's release and delivered after it must not count again:
/// recognised while the release is remembered, dropped by the batcher when too old, refused by the aggregate when older still.
/// </summary>
public sealed class LateCopiesTests
{
    private const string Tenant = "t-late";

    [Fact]
    public async Task Copies_sent_before_a_release_never_count_again()
    {
        await using var silo = await RunningSilo.StartAsync(new Dictionary<string, string?>());
        var events = TestWorkload.Build(Tenant, conversations: 3, seed: 17);
        await SealedWorkload.IngestAsync(silo, Tenant, events);
        var truth = GroundTruth.From(events);
        var released = truth.Contributions.First();
        var batcher = silo.Grains.GetGrain<IScoreAggregationBatcherGrain>(0);
        var tenant = silo.Grains.GetGrain<ITenantGrain>(Tenant);
        var before = await tenant.GetViewAsync();
        Assert.Equal(0, before!.HeldContributions);

        // An earlier version, without what it replaces: what a batcher retrying since before the release holds.
        var early = new ScoreContribution(released.ConversationKey, 1, false, released.At, released.AgentId, released.AgentIsBot, released.HandledBy, 7, false, ImmutableArray<CriterionScore>.Empty)
        {
            Workspace = truth.ConversationStates[released.ConversationKey].State.Workspace,
        };
        AggregateUpdate[] Copy(DateTimeOffset issuedAt) => [new(AggregateLevel.Tenant, Tenant, early with { IssuedAt = issuedAt })];

        // Recent: the aggregate still remembers the release and ignores it.
        await batcher.PublishAsync(Copy(DateTimeOffset.UtcNow));
        Assert.Equal(Normalised(before), Normalised(await tenant.GetViewAsync()));

        // Too old to be sent: dropped, and its publisher told to send a fresh one.
        await Assert.ThrowsAsync<StaleContributionException>(() => batcher.PublishAsync(Copy(DateTimeOffset.UtcNow.AddSeconds(-15))));
        Assert.Equal(Normalised(before), Normalised(await tenant.GetViewAsync()));

        // Past the grace, the aggregate no longer remembers the release: a copy that reaches it (stuck on its way,
        // not through a batcher) is refused by its age alone, before anything changes.
        await silo.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.FromMilliseconds(1));
        await Assert.ThrowsAsync<StaleContributionException>(() => tenant.ApplyContributionsAsync([early with { IssuedAt = DateTimeOffset.UtcNow.AddSeconds(-25) }]));
        var after = await tenant.GetViewAsync();
        Assert.Equal(Normalised(before), Normalised(after));
        GroundTruth.AssertWindowMatches(after!.Windows[0], [.. truth.Contributions], withLeaderboard: true);
    }

    private static string Normalised(AggregateView? view) =>
        System.Text.Json.JsonSerializer.Serialize(view! with { AsOf = default, Windows = [.. view.Windows.Select(w => w with { From = default })] });
}
