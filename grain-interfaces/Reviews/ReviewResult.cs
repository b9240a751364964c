using System.Collections.Immutable;

namespace CraftCX.Reviews;

/// <summary>The review a command created or changed, or why it did not.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.review-result.v1")]
public sealed record ReviewResult(
    [property: Id(0)] ReviewResultKind Kind,
    [property: Id(1)] ConversationReview? Review,
    [property: Id(2)] ImmutableArray<string> Problems)
{
    public static ReviewResult Done(ConversationReview review) => new(ReviewResultKind.Done, review, []);

    public static ReviewResult Failed(ReviewResultKind kind, params string[] problems) => new(kind, null, [.. problems]);
}
