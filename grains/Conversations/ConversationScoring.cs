using CraftCX.Assessments;
using CraftCX.Scoring;

namespace CraftCX.Conversations;

/// <summary>The score a conversation shows: the rule scorer's, blended with its latest AI assessment.</summary>
internal static class ConversationScoring
{
    public const double DefaultMinConfidence = 0.7;

    public static ScoreResult Evaluate(CompiledScorecard scorecard, ConversationState state, double aiMinConfidence = DefaultMinConfidence) =>
        Blend(scorecard, state, RuleScorer.Evaluate(scorecard, state.Scorer), aiMinConfidence);

    /// <summary>The shown score from a rule score already evaluated, so that a caller needing both evaluates once.</summary>
    public static ScoreResult Blend(CompiledScorecard scorecard, ConversationState state, ScoreResult rule, double aiMinConfidence) =>
        ScoreBlender.Blend(rule, state.Ai.Latest?.Content, aiMinConfidence, scorecard.TotalWeight);
}
