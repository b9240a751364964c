using CraftCX.Conversations;
using CraftCX.Scoring;
using CraftCX.Tenants;

namespace CraftCX.Tests.Pipeline;

/// <summary>Scorecards are data per tenant: a tenant's own criteria and weights score its conversations.</summary>
public sealed class ScorecardTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    [Fact]
    public async Task A_tenants_own_scorecard_scores_its_conversations_and_invalid_ones_are_refused()
    {
        var tenant = fixture.Client.GetGrain<ITenantGrain>("t-card");
        Assert.Equal(DefaultScorecard.Id, (await tenant.GetScorecardAsync()).Id);
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.SetScorecardAsync(new Scorecard("bad", 1, [], new SlaTargets())));

        var saved = await tenant.SetScorecardAsync(new Scorecard("brand", 1,
        [
            new CriterionDefinition("brand-greeting", "Brand greeting", CriterionKind.Greeting, 1, Phrases: ["welcome to acme"]),
            new CriterionDefinition("tone", "Tone", CriterionKind.Professionalism, 1),
        ], new SlaTargets(30, 60)));
        Assert.Equal("brand", saved.Id);

        var before = fixture.Completed;
        await fixture.ProduceAsync(
        [
            TestEvents.Message("t-card", "w", "c-1", 1, "customer", "u", "Hi"),
            TestEvents.Message("t-card", "w", "c-1", 2, "agent", "ana", "Hello, what do you need?"),
        ]);
        await fixture.WaitForCompletedAsync(before + 2);
        var snapshot = await fixture.Client.GetGrain<IConversationGrain>("t-card/c-1").GetSnapshotAsync(false);
        Assert.Equal("brand", snapshot!.Score.ScorecardId);
        Assert.Equal(["brand-greeting", "tone"], snapshot.Score.Criteria.Select(c => c.Id));
        Assert.Equal(60, snapshot.Score.Overall);
    }
}
