using CraftCX.Scoring;

namespace CraftCX.Assessments;

/// <summary>
/// The score shown for a conversation once an AI assessment exists. Per criterion: the AI score when the AI's
/// confidence is at least the threshold, else the rule score. An auto-fail criterion shows the lower of the two,
/// so a hard compliance hit found by the rules is never talked away. Overall and auto-fail are then computed as
/// the rule scorer does (weighted mean of the shown scores; 0 on an auto-fail); the confidence is the weighted
/// mean of each shown score's confidence over the whole scorecard.
/// </summary>
internal static class ScoreBlender
{
    public static ScoreResult Blend(ScoreResult rule, AiAssessmentContent? ai, double minConfidence, double totalWeight)
    {
        if (ai is null)
        {
            return rule;
        }

        var byId = ai.Criteria.ToDictionary(c => c.CriterionId, StringComparer.Ordinal);
        var criteria = new CriterionResult[rule.Criteria.Count];
        double weighted = 0, judgedWeight = 0, confidence = 0;
        var autoFailed = false;
        var usedAi = false;
        for (var i = 0; i < criteria.Length; i++)
        {
            var r = rule.Criteria[i];
            var definition = r.Definition;
            var assessed = byId.GetValueOrDefault(definition.Id);
            var (score, source) = Choose(definition, r.RuleScore, assessed, minConfidence);
            usedAi |= source == ScoreSources.Ai;
            var failed = definition.AutoFail && score < definition.AutoFailBelow;
            autoFailed |= failed;
            if (score is { } s)
            {
                weighted += definition.Weight * s;
                judgedWeight += definition.Weight;
                confidence += definition.Weight * (source == ScoreSources.Ai ? assessed!.Confidence : rule.Confidence);
            }

            criteria[i] = r with { Score = score, AutoFailed = failed, Ai = assessed, Source = source };
        }

        if (!usedAi)
        {
            return rule with { Criteria = criteria };
        }

        int? overall = judgedWeight > 0
            ? autoFailed ? 0 : (int)Math.Round(weighted / judgedWeight, MidpointRounding.AwayFromZero)
            : null;
        return new ScoreResult(overall, autoFailed, totalWeight > 0 ? Math.Round(confidence / totalWeight, 2) : 0, criteria);
    }

    private static (int? Score, string Source) Choose(CriterionDefinition definition, int? ruleScore, AiCriterionAssessment? ai, double minConfidence)
    {
        if (ai is null || ai.Confidence < minConfidence)
        {
            return (ruleScore, ScoreSources.Rule);
        }

        if (definition.AutoFail && ruleScore is { } hard && hard < ai.Score)
        {
            return (hard, ScoreSources.Rule);
        }

        return (ai.Score, ScoreSources.Ai);
    }
}
