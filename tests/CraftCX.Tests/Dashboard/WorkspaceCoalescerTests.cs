using System.Collections.Immutable;
using CraftCX.Aggregation;
using CraftCX.Api.Dashboard;
using CraftCX.ScoreChanges;

namespace CraftCX.Tests.Dashboard;

[Trait("Category", "Unit")]
public sealed class WorkspaceCoalescerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_newest_version_of_each_conversation_wins_and_alerts_accumulate_up_to_the_bound()
    {
        var coalescer = new WorkspaceCoalescer(maxAlerts: 2);
        coalescer.Add(Update([Change("c1", 3), Change("c2", 1)], alerts: 2));
        coalescer.Add(Update([Change("c1", 2)], alerts: 1));

        var pending = coalescer.Take()!;
        Assert.Equal([("c1", 3L), ("c2", 1L)], pending.Conversations.Select(c => (c.Conversation, c.Version)).OrderBy(x => x.Conversation));
        Assert.Equal(2, pending.Alerts.Count);
        Assert.Equal(1, coalescer.DroppedAlerts);
        Assert.Null(coalescer.Take());
    }

    [Fact]
    public void Standings_held_back_go_out_with_a_later_take_and_alone_when_nothing_else_changed()
    {
        var coalescer = new WorkspaceCoalescer(maxAlerts: 10);
        coalescer.Add(Update([Change("c1", 1)], alerts: 0, agent: "a1"));

        var fast = coalescer.Take(withStandings: false)!;
        Assert.Single(fast.Conversations);
        Assert.Empty(fast.Agents);
        Assert.Null(fast.Summary);
        Assert.Null(coalescer.Take(withStandings: false));

        var slow = coalescer.Take(withStandings: true)!;
        Assert.Empty(slow.Conversations);
        Assert.Equal("a1", Assert.Single(slow.Agents).AgentId);
        Assert.NotNull(slow.Summary);
        Assert.Null(coalescer.Take(withStandings: true));
    }

    private static WorkspaceLiveUpdate Update(ConversationScoreChange[] changes, int alerts, string agent = "a1") => new(
        "acme",
        "floor",
        Now,
        changes,
        [new AgentScoreChange(agent, false, 1, 80)],
        Enumerable.Range(0, alerts).Select(i => new LiveAlert("auto-fail", "c1", agent, Now, $"alert {i}")).ToArray(),
        new WindowView("hour", Now.AddHours(-1), changes.Length, 0, new ScoreSummary(0, null, null, null, null), new Dictionary<string, ScoreSummary>(), [], []));

    private static ConversationScoreChange Change(string conversation, long version) => new(
        "acme", "floor", conversation, version, Now, "a1", false, HandledBy.Human, 80, false, ImmutableArray<CriterionScore>.Empty, null, 0, false, false, ImmutableArray<string>.Empty);
}
