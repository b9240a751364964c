using CraftCX.Aggregation;

namespace CraftCX.Tests.Aggregation;

[Trait("Category", "Unit")]
public sealed class PendingContributionsTests
{
    private static ScoreContribution C(string conversation, long version) =>
        new($"acme/{conversation}", version, false, DateTimeOffset.UtcNow, "a", false, HandledBy.Human, 50, false, []);

    [Fact]
    public void Only_the_newest_version_per_conversation_and_target_is_kept()
    {
        var pending = new PendingContributions();
        pending.Add(AggregateLevel.Workspace, "acme/w", C("c1", 1));
        pending.Add(AggregateLevel.Workspace, "acme/w", C("c1", 3));
        pending.Add(AggregateLevel.Workspace, "acme/w", C("c1", 2));
        pending.Add(AggregateLevel.Agent, "acme/a", C("c1", 2));
        pending.Add(AggregateLevel.Workspace, "acme/w", C("c2", 1));
        Assert.Equal(3, pending.Count);
        var batches = pending.Drain();
        Assert.True(pending.IsEmpty);
        var workspace = batches.Single(b => b.Level == AggregateLevel.Workspace);
        Assert.Equal(3, workspace.Contributions.Single(c => c.ConversationKey == "acme/c1").Version);
        Assert.Equal(2, workspace.Contributions.Length);
    }
}
