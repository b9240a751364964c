using CraftCX.Aggregation;

namespace CraftCX.Tests.Aggregation;

/// <summary>An aggregate forgets what a conversation released, keeps its effect, and still counts nothing twice.</summary>
[Trait("Category", "Unit")]
public sealed class ReleasedContributionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static ScoreContribution C(string conversation, long version, int overall, string agent = "a1", bool retracted = false, int minutesAgo = 1) =>
        new($"acme/{conversation}", version, retracted, Now.AddMinutes(-minutesAgo), agent, false, HandledBy.Human, overall, AutoFailed: false,
            [new CriterionScore("greeting", overall)])
        { Workspace = "w" };

    private static WindowView Hour(WindowedAggregate aggregate) =>
        aggregate.View(AggregateLevel.Workspace, "acme/w", Now, includeHistograms: true).Windows[0];

    [Fact]
    public void A_released_contribution_leaves_its_effect_and_the_next_one_replaces_it_exactly()
    {
        var aggregate = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: true);
        var first = C("c1", 3, 80);
        aggregate.Apply(first, Now);
        Assert.True(aggregate.Release(first.ToRelease(), Now));
        Assert.Empty(aggregate.State.Held);
        Assert.Equal(80, Hour(aggregate).Overall.Mean);

        Assert.True(aggregate.Apply(C("c1", 5, 40) with { Replaces = first }, Now.AddMinutes(5)));
        var hour = Hour(aggregate);
        Assert.Equal(1, hour.Conversations);
        Assert.Equal(40, hour.Overall.Mean);
        Assert.Equal(0, hour.Overall.Histogram![80]);
        Assert.Equal(1, hour.Criteria["greeting"].Histogram![40]);
        Assert.Equal(1, hour.Leaderboard.Single().Conversations);
    }

    [Fact]
    public void A_replay_of_the_released_contribution_counts_nothing_and_holds_nothing()
    {
        var aggregate = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: true);
        var first = C("c1", 3, 80);
        aggregate.Apply(first, Now);
        aggregate.Release(first.ToRelease(), Now);
        aggregate.EvictExpired(Now + WindowedAggregate.ReleaseGrace + TimeSpan.FromMinutes(1));
        Assert.Equal(0, aggregate.RecentlyReleased);

        // What a conversation sends when its whole topic is replayed after the release.
        Assert.False(aggregate.Apply(first with { Replaces = first }, Now.AddMinutes(3)));
        Assert.Empty(aggregate.State.Held);
        Assert.Equal(1, Hour(aggregate).Conversations);
        Assert.Equal(1, aggregate.State.ContributionsApplied);
    }

    [Fact]
    public void A_late_copy_sent_before_the_release_is_recognised_during_the_grace_period()
    {
        var aggregate = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: true);
        var early = C("c1", 2, 30);
        var latest = C("c1", 4, 90);
        aggregate.Apply(early, Now);
        aggregate.Apply(latest, Now);
        aggregate.Release(latest.ToRelease(), Now);

        // A batcher was still retrying the first copy: it carries no replaced contribution, so only the grace tells.
        Assert.False(aggregate.Apply(early, Now.AddSeconds(20)));
        Assert.False(aggregate.Apply(latest, Now.AddSeconds(20)));
        Assert.Equal(1, Hour(aggregate).Conversations);
        Assert.Equal(90, Hour(aggregate).Overall.Mean);
        Assert.Empty(aggregate.State.Held);
    }

    [Fact]
    public void A_release_of_an_older_version_keeps_the_newer_contribution_held()
    {
        var aggregate = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: true);
        var older = C("c1", 2, 30);
        aggregate.Apply(older, Now);
        aggregate.Apply(C("c1", 4, 90), Now);
        Assert.False(aggregate.Release(older.ToRelease(), Now));
        Assert.True(aggregate.State.Held.ContainsKey("acme/c1"));

        // An AI revision at the same version is newer than a release of revision 0 too.
        aggregate.Apply(C("c1", 4, 70) with { Revision = 1 }, Now);
        Assert.False(aggregate.Release(new ContributionRelease("acme/c1", 4, 0), Now));
        Assert.True(aggregate.Release(new ContributionRelease("acme/c1", 4, 1), Now));
        Assert.Equal(70, Hour(aggregate).Overall.Mean);
    }

    [Fact]
    public void A_retraction_after_release_removes_what_was_kept_from_the_aggregate_left()
    {
        var aggregate = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: true);
        var kept = C("c1", 3, 80);
        aggregate.Apply(kept, Now);
        aggregate.Release(kept.ToRelease(), Now);

        Assert.True(aggregate.Apply(C("c1", 6, 60, retracted: true) with { Replaces = kept }, Now));
        Assert.Equal(0, Hour(aggregate).Conversations);
        Assert.Empty(Hour(aggregate).Leaderboard);
    }

    [Fact]
    public void Many_released_conversations_leave_only_buckets_and_a_bounded_recent_list()
    {
        var aggregate = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: true, trackRecent: true);
        for (var i = 0; i < 5_000; i++)
        {
            var contribution = C($"c{i}", 1, i % 101, agent: $"a{i % 7}", minutesAgo: i % 50) with { Closed = true };
            aggregate.Apply(contribution, Now);
            aggregate.Release(contribution.ToRelease(), Now);
        }

        Assert.Empty(aggregate.State.Held);
        Assert.InRange(aggregate.State.Recent.Count, 1, WindowedAggregate.RecentSize + (WindowedAggregate.RecentSize / 4));
        Assert.Equal(WindowedAggregate.RecentSize, aggregate.RecentConversations().Count());
        Assert.Equal(5_000, Hour(aggregate).Conversations);
        Assert.Equal(7, Hour(aggregate).Leaderboard.Count);
    }

    [Fact]
    public void State_written_before_releases_is_held_and_ages_out_by_activity()
    {
        var state = new AggregateState();
        state.Contributions["acme/old"] = C("old", 1, 50, minutesAgo: 60 * 24 * 9);
        state.Contributions["acme/new"] = C("new", 1, 50);
        var aggregate = new WindowedAggregate(state, Packing.Contributions, trackAgents: true);
        Assert.Empty(state.Contributions);
        Assert.Equal(2, state.Held.Count);

        // Still held, so a newer contribution without a replaced one replaces it exactly.
        aggregate.Apply(C("new", 2, 70), Now);
        aggregate.EvictExpired(Now);
        Assert.Equal(["acme/new"], state.Held.Keys);
    }
}
