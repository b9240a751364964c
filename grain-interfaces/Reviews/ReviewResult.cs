using System.Collections.Immutable;

namespace CraftCX.Reviews;

/// <summary>The review a command created or changed, or why it did not.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.review-result.v1")]
public sealed record ReviewResult(
    [property: Id(0)] ReviewResultKind Kind,
    [property: Id(1)] ConversationReview? Review,
    [property: Id(2)] ImmutableArray<string> Problems,
    [property: Id(3)] bool Repeated = false)
{
    public static ReviewResult Done(ConversationReview review) => new(ReviewResultKind.Done, review, []);

    /// <summary>The same submission came again (same idempotency key): the review it made the first time.</summary>
    public static ReviewResult Again(ConversationReview review) => new(ReviewResultKind.Done, review, [], Repeated: true);

    public static ReviewResult Failed(ReviewResultKind kind, params string[] problems) => new(kind, null, [.. problems]);
}
