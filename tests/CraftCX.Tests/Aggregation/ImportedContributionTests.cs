using CraftCX.Aggregation;
using CraftCX.ScoreChanges;

namespace CraftCX.Tests.Aggregation;

/// <summary>An imported conversation counts by its time like any other, but the live surfaces never show it.</summary>
[Trait("Category", "Unit")]
public sealed class ImportedContributionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static ScoreContribution C(string conversation, int overall, bool imported, string agent, int slaBreaches = 0) =>
        new($"acme/{conversation}", 3, Retracted: false, Now.AddMinutes(-5), agent, AgentIsBot: false, HandledBy.Human, overall, AutoFailed: overall == 0,
            [new CriterionScore("greeting", overall)])
        {
            Imported = imported,
            SlaBreaches = slaBreaches,
        };

    [Fact]
    public void An_imported_conversation_counts_in_its_window_but_stays_off_the_recent_list()
    {
        var aggregate = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: true, trackRecent: true);
        aggregate.Apply(C("live", 80, imported: false, "a1"), Now);
        aggregate.Apply(C("old", 40, imported: true, "a2"), Now);
        var hour = aggregate.View(AggregateLevel.Workspace, "acme/w", Now, includeHistograms: false).Windows.Single(w => w.Window == "hour");
        Assert.Equal(2, hour.Conversations);
        Assert.Equal(60, hour.Overall.Mean);
        Assert.Equal(["acme/live"], aggregate.RecentConversations().Select(c => c.ConversationKey));

        // A live event on the imported conversation makes it live: it joins the list.
        aggregate.Apply(C("old", 50, imported: false, "a2") with { Version = 4 }, Now);
        Assert.Equal(2, aggregate.RecentConversations().Count());
    }

    [Fact]
    public void A_conversation_older_than_a_window_leaves_no_bucket_in_it_so_a_backfill_keeps_the_state_small()
    {
        var aggregate = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: true, trackRecent: true);
        for (var day = 1; day <= 60; day++)
        {
            aggregate.Apply(C($"old-{day}", 70, imported: true, "a1") with { At = Now.AddDays(-day).AddMinutes(-30) }, Now);
        }

        // The week keeps its six days before today; the hour and the day windows, nothing.
        Assert.Empty(aggregate.State.FiveMinuteBuckets);
        Assert.Empty(aggregate.State.HourBuckets);
        Assert.Equal(6, aggregate.State.DayBuckets.Count);
        Assert.Equal(6, aggregate.View(AggregateLevel.Workspace, "acme/w", Now, includeHistograms: false).Windows.Single(w => w.Window == "week").Conversations);
        Assert.Equal(60, aggregate.State.ContributionsApplied);
    }

    [Fact]
    public void Live_changes_leave_out_imported_ones_and_a_live_transfer_keeps_both_agents_standings()
    {
        var hour = new WindowedAggregate(new AggregateState(), Packing.Contributions, trackAgents: true).Window(WindowedAggregate.Windows[0], Now, includeHistograms: false);
        var transfer = (C("live", 0, false, "b1"), (ScoreContribution?)C("live", 60, false, "a1"));
        List<(ScoreContribution, ScoreContribution?)> changes = [transfer, (C("old", 0, true, "a2", slaBreaches: 2), null)];
        var logged = LiveUpdateBuilder.Build("acme", "w", Now, changes, hour);
        Assert.Equal(2, logged.Conversations.Count);
        Assert.True(logged.Conversations.Single(c => c.Conversation == "old").Imported);

        var shown = LiveUpdateBuilder.LiveOnly(changes);
        var live = LiveUpdateBuilder.Build("acme", "w", Now, shown, hour);
        Assert.Equal(["live"], live.Conversations.Select(c => c.Conversation));
        Assert.NotEmpty(live.Alerts);
        Assert.All(live.Alerts, a => Assert.Equal("live", a.Conversation));
        Assert.Equal(["a1", "b1"], live.Agents.Select(a => a.AgentId).Order());

        Assert.Empty(LiveUpdateBuilder.LiveOnly([(C("old", 70, true, "a2"), null)]));
        List<(ScoreContribution, ScoreContribution?)> onlyLive = [(C("live", 70, false, "a1"), null)];
        Assert.Same(onlyLive, LiveUpdateBuilder.LiveOnly(onlyLive));
    }
}
