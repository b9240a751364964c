namespace CraftCX.Scoring;

/// <summary>A conversation's score as computed from its scorer state.</summary>
public sealed record ScoreResult(
    int? Overall,
    bool AutoFailed,
    double Confidence,
    IReadOnlyList<CriterionResult> Criteria);

/// <summary>One criterion's score, or null while it cannot be judged.</summary>
public sealed record CriterionResult(CriterionDefinition Definition, int? Score, bool AutoFailed)
{
    /// <summary>What the rule scorer says, whatever is shown.</summary>
    public int? RuleScore { get; init; }

    /// <summary>The latest AI assessment of this criterion, shown or not.</summary>
    public Assessments.AiCriterionAssessment? Ai { get; init; }

    /// <summary>rule or ai: which one <see cref="Score"/> is.</summary>
    public string Source { get; init; } = ScoreSources.Rule;
}

/// <summary>Where a shown criterion score comes from.</summary>
internal static class ScoreSources
{
    public const string Rule = "rule";
    public const string Ai = "ai";
}
