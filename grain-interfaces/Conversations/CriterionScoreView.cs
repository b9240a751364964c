using CraftCX.Scoring;

namespace CraftCX.Conversations;

/// <summary>One criterion of a conversation's rolling score, with the messages that drove it.</summary>
/// <param name="Score">0–100, or null while the criterion cannot be judged yet.</param>
[GenerateSerializer, Immutable, Alias("craftcx.criterion-score-view.v1")]
public sealed record CriterionScoreView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] CriterionKind Kind,
    [property: Id(3)] double Weight,
    [property: Id(4)] int? Score,
    [property: Id(5)] bool AutoFail,
    [property: Id(6)] bool AutoFailed,
    [property: Id(7)] IReadOnlyList<string> Evidence,
    [property: Id(8)] string Explanation)
{
    /// <summary>rule or ai: where <see cref="Score"/> comes from (see the blending rule in the README).</summary>
    [Id(9)] public string Source { get; init; } = "rule";

    /// <summary>The rule scorer's score, whichever is shown.</summary>
    [Id(10)] public int? RuleScore { get; init; }

    /// <summary>The latest AI assessment of this criterion, with its confidence, explanation and evidence.</summary>
    [Id(11)] public Assessments.AiCriterionAssessment? Ai { get; init; }
}
