using System.Collections.Immutable;

namespace CraftCX.Reviews;

/// <summary>What a QA reviewer submits for a conversation: scores per criterion (not necessarily all) and a comment.</summary>
/// <param name="ReviewerId">Who reviewed, as the tenant names its people (an id: lower-case letters, digits, - _ .).</param>
[GenerateSerializer, Immutable, Alias("craftcx.review-submission.v1")]
public sealed record ReviewSubmission(
    [property: Id(0)] string ReviewerId,
    [property: Id(1)] ImmutableArray<ReviewCriterionScore> Scores,
    [property: Id(2)] string? Comment = null);
