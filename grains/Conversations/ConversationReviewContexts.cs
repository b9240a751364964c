using System.Collections.Immutable;
using CraftCX.Calibration;
using CraftCX.Reviews;
using CraftCX.Scoring;

namespace CraftCX.Conversations;

/// <summary>What a conversation tells its reviews: workspace, agents, and the rule and AI scores to compare with.</summary>
internal static class ConversationReviewContexts
{
    public static ReviewContext Create(ConversationState state, CompiledScorecard scorecard)
    {
        var primary = Attribution.PrimaryAgent(state).AgentId;
        var agents = state.Agents.Concat(primary is null ? [] : [primary]).Distinct(StringComparer.Ordinal).ToImmutableArray();
        var rules = RuleScorer.Evaluate(scorecard, state.Scorer);
        return new ReviewContext(
            state.Workspace,
            primary,
            agents,
            [.. scorecard.Definition.Criteria.Select(c => c.Id)],
            [.. rules.Criteria.Where(c => c.Score is not null).Select(c => new ScoredCriterion(c.Definition.Id, c.Score!.Value))],
            state.Ai.Latest is { } latest ? [.. latest.Content.Criteria.Select(c => new ScoredCriterion(c.CriterionId, c.Score))] : [],
            state.Closed,
            state.Ai.Revision,
            state.PersonalDataPurgedAt is not null);
    }
}
