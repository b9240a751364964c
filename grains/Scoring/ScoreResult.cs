namespace CraftCX.Scoring;

/// <summary>A conversation's score as computed from its scorer state.</summary>
public sealed record ScoreResult(
    int? Overall,
    bool AutoFailed,
    double Confidence,
    IReadOnlyList<CriterionResult> Criteria);

/// <summary>One criterion's score, or null while it cannot be judged.</summary>
public sealed record CriterionResult(CriterionDefinition Definition, int? Score, bool AutoFailed);
