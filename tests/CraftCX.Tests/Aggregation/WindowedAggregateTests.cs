using CraftCX.Aggregation;

namespace CraftCX.Tests.Aggregation;

[Trait("Category", "Unit")]
public sealed class WindowedAggregateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static ScoreContribution C(string conversation, long version, int overall, DateTimeOffset at, string agent = "a1", bool bot = false, HandledBy handledBy = HandledBy.Human, int? greeting = null, bool retracted = false) =>
        new($"acme/{conversation}", version, retracted, at, agent, bot, handledBy, overall, AutoFailed: overall == 0,
            [new CriterionScore("greeting", greeting ?? overall)]);

    private static WindowView Window(WindowedAggregate aggregate, string name) =>
        aggregate.View(AggregateLevel.Workspace, "acme/w", Now, includeHistograms: true).Windows.Single(w => w.Window == name);

    [Fact]
    public void At_one_version_a_higher_revision_replaces_and_a_lower_one_is_ignored()
    {
        var aggregate = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: true);
        var now = DateTimeOffset.UtcNow;
        Assert.True(aggregate.Apply(C("c1", 5, 60, now), Now));
        Assert.True(aggregate.Apply(C("c1", 5, 90, now) with { Revision = 1 }, Now));
        Assert.False(aggregate.Apply(C("c1", 5, 10, now), Now));
        Assert.False(aggregate.Apply(C("c1", 4, 10, now) with { Revision = 7 }, Now));
        Assert.Equal(90, Window(aggregate, "hour").Overall.Mean);
        Assert.True(aggregate.Apply(C("c1", 6, 70, now), Now));
        Assert.Equal(70, Window(aggregate, "hour").Overall.Mean);
    }

    [Fact]
    public void A_newer_version_replaces_the_conversations_contribution_exactly()
    {
        var aggregate = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: true);
        Assert.True(aggregate.Apply(C("c1", 1, 40, Now.AddMinutes(-2)), Now));
        Assert.True(aggregate.Apply(C("c1", 5, 80, Now.AddMinutes(-1)), Now));
        var hour = Window(aggregate, "hour");
        Assert.Equal(1, hour.Conversations);
        Assert.Equal(80, hour.Overall.Mean);
        Assert.Equal(1, hour.Overall.Histogram![80]);
        Assert.Equal(0, hour.Overall.Histogram![40]);
    }

    [Fact]
    public void Replayed_and_older_versions_change_nothing()
    {
        var aggregate = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: true);
        aggregate.Apply(C("c1", 5, 80, Now.AddMinutes(-1)), Now);
        Assert.False(aggregate.Apply(C("c1", 5, 80, Now.AddMinutes(-1)), Now));
        Assert.False(aggregate.Apply(C("c1", 3, 20, Now.AddMinutes(-3)), Now));
        Assert.Equal(1, aggregate.State.ContributionsApplied);
        Assert.Equal(80, Window(aggregate, "hour").Overall.Mean);
    }

    [Fact]
    public void A_retraction_removes_the_conversation_and_blocks_older_versions()
    {
        var aggregate = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: true);
        aggregate.Apply(C("c1", 2, 70, Now.AddMinutes(-1)), Now);
        aggregate.Apply(C("c1", 4, 70, Now.AddMinutes(-1), retracted: true), Now);
        Assert.False(aggregate.Apply(C("c1", 3, 70, Now.AddMinutes(-1)), Now));
        Assert.Equal(0, Window(aggregate, "hour").Conversations);
        Assert.True(aggregate.Apply(C("c1", 6, 90, Now), Now));
        Assert.Equal(1, Window(aggregate, "hour").Conversations);
    }

    [Fact]
    public void Windows_count_conversations_by_their_latest_activity()
    {
        var aggregate = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: true);
        aggregate.Apply(C("recent", 1, 90, Now.AddMinutes(-10)), Now);
        aggregate.Apply(C("this-morning", 1, 60, Now.AddHours(-5)), Now);
        aggregate.Apply(C("three-days", 1, 30, Now.AddDays(-3)), Now);
        aggregate.Apply(C("last-month", 1, 10, Now.AddDays(-30)), Now);
        Assert.Equal(1, Window(aggregate, "hour").Conversations);
        Assert.Equal(2, Window(aggregate, "day").Conversations);
        Assert.Equal(3, Window(aggregate, "week").Conversations);
        Assert.Equal(60, Window(aggregate, "week").Overall.Mean);
        Assert.Equal(60, Window(aggregate, "week").Overall.P50);
    }

    [Fact]
    public void A_conversation_moving_forward_in_time_leaves_its_old_bucket()
    {
        var aggregate = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: true);
        aggregate.Apply(C("c1", 1, 50, Now.AddHours(-3)), Now);
        aggregate.Apply(C("c1", 2, 70, Now.AddMinutes(-5)), Now);
        Assert.Equal(1, Window(aggregate, "day").Conversations);
        Assert.Equal(1, Window(aggregate, "hour").Conversations);
        Assert.Equal(70, Window(aggregate, "day").Overall.Mean);
    }

    [Fact]
    public void Eviction_forgets_old_buckets_and_long_unreleased_contributions_without_changing_current_windows()
    {
        var aggregate = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: true);
        aggregate.Apply(C("old", 1, 10, Now.AddDays(-9)), Now.AddDays(-9));
        aggregate.Apply(C("imported", 1, 30, Now.AddDays(-9)), Now.AddMinutes(-1));
        aggregate.Apply(C("new", 1, 90, Now.AddMinutes(-1)), Now.AddMinutes(-1));
        var before = Window(aggregate, "week");
        aggregate.EvictExpired(Now);
        Assert.False(aggregate.State.Held.ContainsKey("acme/old"));

        // Held by when it arrived, not by its activity: an import of old conversations is still held.
        Assert.True(aggregate.State.Held.ContainsKey("acme/imported"));
        Assert.Equal(before.Overall.Mean, Window(aggregate, "week").Overall.Mean);
        Assert.All(aggregate.State.DayBuckets.Keys, k => Assert.True(k >= WindowedAggregate.Windows[2].OldestIndex(Now)));
    }

    [Fact]
    public void Leaderboard_ranks_agents_by_mean_and_comparison_splits_humans_and_bots()
    {
        var aggregate = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: true);
        aggregate.Apply(C("c1", 1, 90, Now, agent: "ana"), Now);
        aggregate.Apply(C("c2", 1, 70, Now, agent: "ana"), Now);
        aggregate.Apply(C("c3", 1, 95, Now, agent: "bot-1", bot: true, handledBy: HandledBy.Bot), Now);
        aggregate.Apply(C("c4", 1, 60, Now, agent: "ben", handledBy: HandledBy.Hybrid), Now);
        var hour = Window(aggregate, "hour");
        Assert.Equal(["bot-1", "ana", "ben"], hour.Leaderboard.Select(e => e.AgentId));
        Assert.Equal(80, hour.Leaderboard[1].MeanOverall);
        Assert.True(hour.Leaderboard[0].IsBot);
        var human = hour.ByHandler.Single(h => h.HandledBy == HandledBy.Human);
        Assert.Equal(2, human.Conversations);
        Assert.Equal(80, human.MeanOverall);
        Assert.Equal(80, human.MeanByCriterion["greeting"]);
        Assert.Equal(95, hour.ByHandler.Single(h => h.HandledBy == HandledBy.Bot).MeanOverall);
    }

    [Fact]
    public void Auto_failed_conversations_are_counted()
    {
        var aggregate = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: false);
        aggregate.Apply(C("c1", 1, 0, Now), Now);
        aggregate.Apply(C("c2", 1, 88, Now), Now);
        Assert.Equal(1, Window(aggregate, "hour").AutoFailed);
        Assert.Empty(Window(aggregate, "hour").Leaderboard);
    }
}
