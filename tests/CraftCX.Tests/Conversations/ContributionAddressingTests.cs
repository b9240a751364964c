using CraftCX.Aggregation;
using CraftCX.Conversations;

namespace CraftCX.Tests.Conversations;

/// <summary>Where a conversation's contribution goes, what it replaces after a release, and what the release says.</summary>
[Trait("Category", "Unit")]
public sealed class ContributionAddressingTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static ScoreContribution C(long version, int overall, string workspace = "support", string? agent = "ana") =>
        new("acme/c1", version, false, At, agent, false, HandledBy.Human, overall, false, [new CriterionScore("greeting", overall)]) { Workspace = workspace };

    [Fact]
    public void The_first_contribution_goes_to_tenant_workspace_and_agent_and_is_recorded_before_it_is_sent()
    {
        var delivery = new AggregateDelivery();
        var updates = ContributionAddressing.Address(delivery, "acme", C(1, 80), [], At, out var changed);
        Assert.True(changed);
        Assert.Equal(["acme", "acme/support", "acme/ana"], updates.Select(u => u.Key));
        Assert.All(updates, u => Assert.Null(u.Contribution.Replaces));
        Assert.Equal(3, delivery.Holders.Count);

        // The same version again (a replayed batch) is sent as it was, and needs no write.
        var again = ContributionAddressing.Address(delivery, "acme", C(1, 20), [], At, out changed);
        Assert.False(changed);
        Assert.All(again, u => Assert.Equal(80, u.Contribution.Overall));
    }

    [Fact]
    public void After_a_release_the_next_contribution_names_what_each_keeping_aggregate_replaces()
    {
        var delivery = new AggregateDelivery();
        ContributionAddressing.Address(delivery, "acme", C(1, 80), [], At, out _);
        var releases = ContributionAddressing.Release(delivery);
        Assert.Equal(3, releases.Count);
        Assert.All(releases, r => Assert.Equal(new ContributionRelease("acme/c1", 1, 0), r.Release));
        Assert.Empty(delivery.Holders);
        Assert.Equal(80, delivery.Released!.Overall);

        // Moved to billing and to another agent: the old workspace and agent get a retraction of what they kept.
        var updates = ContributionAddressing.Address(delivery, "acme", C(4, 60, workspace: "billing", agent: "ben"), [], At, out var changed);
        Assert.True(changed);
        var byKey = updates.ToDictionary(u => u.Key, u => u.Contribution);
        Assert.Equal(["acme", "acme/billing", "acme/ben", "acme/support", "acme/ana"], updates.Select(u => u.Key));
        Assert.False(byKey["acme"].Retracted);
        Assert.Equal(80, byKey["acme"].Replaces!.Overall);
        Assert.Null(byKey["acme/billing"].Replaces);
        Assert.Null(byKey["acme/ben"].Replaces);
        Assert.True(byKey["acme/support"].Retracted);
        Assert.Equal(80, byKey["acme/support"].Replaces!.Overall);
        Assert.True(byKey["acme/ana"].Retracted);
        Assert.Equal(5, delivery.Holders.Count);
    }

    [Fact]
    public void Aggregates_left_before_deliveries_were_recorded_get_a_retraction_until_the_first_release()
    {
        var delivery = new AggregateDelivery();
        AggregateTarget[] former = [new(AggregateLevel.Agent, "acme/bot-1")];
        var updates = ContributionAddressing.Address(delivery, "acme", C(2, 70), former, At, out _);
        Assert.True(updates.Single(u => u.Key == "acme/bot-1").Contribution.Retracted);

        ContributionAddressing.Release(delivery);
        var later = ContributionAddressing.Address(delivery, "acme", C(3, 70), former, At, out _);
        Assert.DoesNotContain(later, u => u.Key == "acme/bot-1");
    }

    [Fact]
    public void Nothing_held_means_nothing_to_release()
    {
        var delivery = new AggregateDelivery();
        Assert.Empty(ContributionAddressing.Release(delivery));
        ContributionAddressing.Address(delivery, "acme", C(1, 80), [], At, out _);
        ContributionAddressing.Release(delivery);
        Assert.Empty(ContributionAddressing.Release(delivery));
    }
}
