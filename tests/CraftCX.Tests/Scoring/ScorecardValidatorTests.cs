using CraftCX.Scoring;

namespace CraftCX.Tests.Scoring;

public sealed class ScorecardValidatorTests
{
    [Fact]
    public void The_default_scorecard_is_valid_and_its_weights_sum_to_one_hundred()
    {
        var card = DefaultScorecard.Create();
        Assert.Empty(ScorecardValidator.Validate(card));
        Assert.Equal(100, card.Criteria.Sum(c => c.Weight));
        Assert.Single(card.Criteria, c => c.AutoFail);
    }

    [Fact]
    public void Duplicate_ids_bad_weights_and_missing_criteria_are_reported()
    {
        var bad = new Scorecard("x", 1,
        [
            new CriterionDefinition("a", "A", CriterionKind.Clarity, 0),
            new CriterionDefinition("a", "A again", CriterionKind.Greeting, 5, AutoFailBelow: 0),
        ], new SlaTargets(0, 10));
        var errors = ScorecardValidator.Validate(bad).ToList();
        Assert.Contains(errors, e => e.Contains("appears twice"));
        Assert.Contains(errors, e => e.Contains("weight"));
        Assert.Contains(errors, e => e.Contains("autoFailBelow"));
        Assert.Contains(errors, e => e.Contains("SLA"));
        Assert.Throws<ArgumentException>(() => ScorecardValidator.EnsureValid(new Scorecard("y", 1, [], new SlaTargets())));
    }
}
