using CraftCX.Scoring;

namespace CraftCX.Tests.Scoring;

[Trait("Category", "Unit")]
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

    [Fact]
    public void Names_and_phrases_are_bounded_in_length_count_and_characters()
    {
        static Scorecard With(string name, IReadOnlyList<string>? phrases = null) =>
            new("x", 1, [new CriterionDefinition("a", name, CriterionKind.Greeting, 1, Phrases: phrases)], new SlaTargets());

        Assert.Empty(ScorecardValidator.Validate(With(new string('n', ScorecardValidator.MaxNameLength), [new string('p', ScorecardValidator.MaxPhraseLength)])));
        Assert.Contains(ScorecardValidator.Validate(With(new string('n', ScorecardValidator.MaxNameLength + 1))), e => e.Contains("name"));
        Assert.Contains(ScorecardValidator.Validate(With("Greeting\u0000\n")), e => e.Contains("name"));
        Assert.Contains(ScorecardValidator.Validate(With("Greeting \ud800")), e => e.Contains("name"));
        Assert.Contains(ScorecardValidator.Validate(With("Greeting", [new string('p', ScorecardValidator.MaxPhraseLength + 1)])), e => e.Contains("phrases"));
        Assert.Contains(ScorecardValidator.Validate(With("Greeting", ["hello\u0007"])), e => e.Contains("phrases"));

        var manyPhrases = Enumerable.Range(0, 5)
            .Select(i => new CriterionDefinition("c" + i, "C", CriterionKind.Greeting, 1, Phrases: Enumerable.Range(0, 450).Select(j => $"p{j}").ToArray()))
            .ToArray();
        Assert.Contains(ScorecardValidator.Validate(new Scorecard("x", 1, manyPhrases, new SlaTargets())), e => e.Contains("2000 phrases"));

        var tooMany = Enumerable.Range(0, ScorecardValidator.MaxCriteria + 1).Select(i => new CriterionDefinition("c" + i, "C", CriterionKind.Clarity, 1)).ToArray();
        Assert.Equal(["it may have at most 50 criteria"], ScorecardValidator.Validate(new Scorecard("x", 1, tooMany, new SlaTargets())));
    }
}
