using System.Collections.Immutable;
using CraftCX.Signals;

namespace CraftCX.Assessments;

/// <summary>The values the model may choose from for each classification; the schema and the validator share them.</summary>
public sealed class AssessmentVocabulary(IEnumerable<string> topics)
{
    public static AssessmentVocabulary Default { get; } = new(TopicClassifier.CreateDefault().Topics);

    public ImmutableArray<string> Topics { get; } = [.. topics.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), "other"];

    public ImmutableArray<string> ResolutionStatuses { get; } = ["resolved", "unresolved", "pending", "escalated"];

    public ImmutableArray<string> Levels { get; } = ["low", "medium", "high"];

    public const int MaxIntentLength = 80;
    public const int MaxExplanationLength = 2000;
    public const int MaxSummaryLength = 4000;
    public const int MaxRecommendations = 10;
    public const int MaxRecommendationLength = 500;
    public const int MaxEvidencePerCriterion = 20;
}
