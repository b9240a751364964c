using CraftCX.Assessments;
using CraftCX.Scoring;

namespace CraftCX.Tests.Assessments;

[Trait("Category", "Unit")]
public sealed class ScoreBlenderTests
{
    private static readonly Scorecard Card = new("qa", 1,
    [
        new CriterionDefinition("greeting", "Greeting", CriterionKind.Greeting, 1),
        new CriterionDefinition("resolution", "Resolution", CriterionKind.Resolution, 3),
        new CriterionDefinition("compliance", "Compliance", CriterionKind.Compliance, 1, AutoFail: true),
    ], new SlaTargets(60, 120));

    private static ScoreResult Rule(int? greeting, int? resolution, int? compliance)
    {
        int?[] scores = [greeting, resolution, compliance];
        var criteria = Card.Criteria.Select((d, i) => new CriterionResult(d, scores[i], d.AutoFail && scores[i] < d.AutoFailBelow) { RuleScore = scores[i] }).ToArray();
        var judged = criteria.Where(c => c.Score is not null).ToList();
        var autoFailed = criteria.Any(c => c.AutoFailed);
        int? overall = judged.Count == 0 ? null : autoFailed ? 0 : (int)Math.Round(judged.Sum(c => c.Definition.Weight * c.Score!.Value) / judged.Sum(c => c.Definition.Weight), MidpointRounding.AwayFromZero);
        return new ScoreResult(overall, autoFailed, 0.5, criteria);
    }

    private static AiAssessmentContent Ai(params (string Id, int Score, double Confidence)[] criteria) => new(
        [.. criteria.Select(c => new AiCriterionAssessment(c.Id, c.Score, c.Confidence, "because", []))],
        new AiScoredValue("summary", 0.9),
        new AiClassifications(new("refund", 1), new("refund", 1), new("resolved", 1), new("low", 1), new("low", 1)),
        []);

    private static ScoreResult Blend(ScoreResult rule, AiAssessmentContent? ai) => ScoreBlender.Blend(rule, ai, minConfidence: 0.7, totalWeight: 5);

    [Fact]
    public void Without_an_assessment_the_rule_score_stands()
    {
        var rule = Rule(100, 40, 100);
        Assert.Same(rule, Blend(rule, null));
    }

    [Fact]
    public void Confident_ai_scores_replace_rule_scores_and_the_overall_is_recomputed()
    {
        var blended = Blend(Rule(100, 40, 100), Ai(("greeting", 50, 0.9), ("resolution", 80, 0.8), ("compliance", 100, 0.6)));
        Assert.Equal([50, 80, 100], blended.Criteria.Select(c => c.Score));
        Assert.Equal([ScoreSources.Ai, ScoreSources.Ai, ScoreSources.Rule], blended.Criteria.Select(c => c.Source));
        Assert.Equal([100, 40, 100], blended.Criteria.Select(c => c.RuleScore));
        Assert.Equal((int)Math.Round((1 * 50 + 3 * 80 + 1 * 100) / 5.0), blended.Overall);
        Assert.Equal(Math.Round((1 * 0.9 + 3 * 0.8 + 1 * 0.5) / 5, 2), blended.Confidence);
    }

    [Fact]
    public void Unsure_ai_scores_are_kept_for_review_but_not_shown()
    {
        var blended = Blend(Rule(100, 40, 100), Ai(("greeting", 10, 0.69), ("resolution", 90, 0.2), ("compliance", 100, 0.1)));
        Assert.Equal([100, 40, 100], blended.Criteria.Select(c => c.Score));
        Assert.Equal(10, blended.Criteria[0].Ai!.Score);
        Assert.Equal(Rule(100, 40, 100).Overall, blended.Overall);
    }

    [Fact]
    public void A_rule_found_compliance_failure_is_never_overruled_but_an_ai_found_one_counts()
    {
        var kept = Blend(Rule(100, 80, 0), Ai(("compliance", 100, 0.99)));
        Assert.Equal(0, kept.Criteria[2].Score);
        Assert.True(kept.AutoFailed);
        Assert.Equal(0, kept.Overall);

        var found = Blend(Rule(100, 80, 100), Ai(("compliance", 20, 0.9)));
        Assert.True(found.AutoFailed);
        Assert.Equal(0, found.Overall);
    }

    [Fact]
    public void The_ai_can_judge_a_criterion_the_rules_could_not_yet()
    {
        var blended = Blend(Rule(100, null, 100), Ai(("resolution", 60, 0.8)));
        Assert.Equal(60, blended.Criteria[1].Score);
        Assert.Equal((int)Math.Round((100 + 3 * 60 + 100) / 5.0), blended.Overall);
    }
}
