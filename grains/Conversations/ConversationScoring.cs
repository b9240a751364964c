using CraftCX.Assessments;
using CraftCX.Scoring;

namespace CraftCX.Conversations;

/// <summary>The score a conversation shows: the rule scorer's, blended with its latest AI assessment.</summary>
public static class ConversationScoring
{
    public const double DefaultMinConfidence = 0.7;

    public static ScoreResult Evaluate(CompiledScorecard scorecard, ConversationState state, double aiMinConfidence = DefaultMinConfidence) =>
        ScoreBlender.Blend(RuleScorer.Evaluate(scorecard, state.Scorer), state.Ai.Latest?.Content, aiMinConfidence, scorecard.TotalWeight);
}
