using System.Collections.Immutable;
using CraftCX.Calibration;

namespace CraftCX.Reviews;

/// <summary>What reviews of a conversation need from it: where it belongs, who handled it, and the machine scores to compare with.</summary>
/// <param name="Agents">Every human agent or bot that handled it (they may dispute its reviews).</param>
/// <param name="CriterionIds">The criteria of the tenant's scorecard; reviews score these.</param>
/// <param name="RuleScores">The rule scorer's current score per criterion that has one.</param>
/// <param name="AiScores">The latest AI assessment's score per criterion; empty when not assessed yet.</param>
/// <param name="AiRevision">How many AI assessments the conversation has had; a higher one is newer.</param>
[GenerateSerializer, Immutable, Alias("craftcx.review-context.v1")]
public sealed record ReviewContext(
    [property: Id(0)] string Workspace,
    [property: Id(1)] string? PrimaryAgent,
    [property: Id(2)] ImmutableArray<string> Agents,
    [property: Id(3)] ImmutableArray<string> CriterionIds,
    [property: Id(4)] ImmutableArray<ScoredCriterion> RuleScores,
    [property: Id(5)] ImmutableArray<ScoredCriterion> AiScores,
    [property: Id(6)] bool Closed,
    [property: Id(7)] int AiRevision,
    [property: Id(8)] bool PersonalDataPurged = false);
