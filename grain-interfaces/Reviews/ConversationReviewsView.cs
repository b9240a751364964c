using System.Collections.Immutable;
using CraftCX.Calibration;

namespace CraftCX.Reviews;

/// <summary>A conversation's human reviews, with the rule and AI scores they are compared with.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.conversation-reviews-view.v1")]
public sealed record ConversationReviewsView(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Conversation,
    [property: Id(2)] string Workspace,
    [property: Id(3)] string? PrimaryAgent,
    [property: Id(4)] ImmutableArray<ConversationReview> Reviews,
    [property: Id(5)] ImmutableArray<ScoredCriterion> RuleScores,
    [property: Id(6)] ImmutableArray<ScoredCriterion> AiScores);
