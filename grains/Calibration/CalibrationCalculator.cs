using System.Collections.Immutable;

namespace CraftCX.Calibration;

/// <summary>
/// Turns a workspace's reviewed conversations into agreement figures per criterion. Pairs: every reviewer's score
/// against the AI's and the rule scorer's score of the same conversation and criterion, and every two reviewers'
/// scores of the same conversation and criterion. Only the latest counting review per reviewer is in a sample.
/// </summary>
internal static class CalibrationCalculator
{
    public const string AllCriteria = "all";

    public static CalibrationView Compute(string tenant, string workspace, IEnumerable<CalibrationSample> samples)
    {
        var ai = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        var rule = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        var human = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        int conversations = 0, reviews = 0, open = 0, accepted = 0;
        foreach (var sample in samples)
        {
            conversations++;
            reviews += sample.Reviews.Length;
            open += sample.OpenDisputes;
            accepted += sample.AcceptedDisputes;
            var aiScores = sample.Ai.ToDictionary(s => s.CriterionId, s => s.Score, StringComparer.Ordinal);
            var ruleScores = sample.Rule.ToDictionary(s => s.CriterionId, s => s.Score, StringComparer.Ordinal);
            for (var i = 0; i < sample.Reviews.Length; i++)
            {
                foreach (var score in sample.Reviews[i].Scores)
                {
                    if (aiScores.TryGetValue(score.CriterionId, out var machine))
                    {
                        Add(ai, score.CriterionId, machine, score.Score);
                    }

                    if (ruleScores.TryGetValue(score.CriterionId, out var rules))
                    {
                        Add(rule, score.CriterionId, rules, score.Score);
                    }

                    for (var j = i + 1; j < sample.Reviews.Length; j++)
                    {
                        if (sample.Reviews[j].Scores.FirstOrDefault(s => s.CriterionId == score.CriterionId) is { } other)
                        {
                            Add(human, score.CriterionId, score.Score, other.Score);
                        }
                    }
                }
            }
        }

        var criteria = ai.Keys.Concat(rule.Keys).Concat(human.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(c => Row(c, Pairs(ai, c), Pairs(rule, c), Pairs(human, c)))
            .ToImmutableArray();
        var all = Row(AllCriteria, ai.Values.SelectMany(p => p).ToList(), rule.Values.SelectMany(p => p).ToList(), human.Values.SelectMany(p => p).ToList());
        return new CalibrationView(tenant, workspace, conversations, reviews, open, accepted, all, criteria);
    }

    private static CriterionCalibration Row(string criterion, List<(int, int)> ai, List<(int, int)> rule, List<(int, int)> human) =>
        new(criterion, AgreementStatistics.Compute(ai), AgreementStatistics.Compute(rule), AgreementStatistics.Compute(human));

    private static List<(int, int)> Pairs(Dictionary<string, List<(int, int)>> pairs, string criterion) =>
        pairs.TryGetValue(criterion, out var list) ? list : [];

    private static void Add(Dictionary<string, List<(int, int)>> pairs, string criterion, int a, int b)
    {
        if (!pairs.TryGetValue(criterion, out var list))
        {
            pairs[criterion] = list = [];
        }

        list.Add((a, b));
    }
}
