using CraftCX.Conversations;
using CraftCX.Scoring;
using CraftCX.Signals;

namespace CraftCX.Assessments;

/// <summary>
/// When a conversation asks for an AI assessment: when it closes (always), and while it is open when the rule
/// scorer raises a new risk flag (auto-fail, sentiment collapse, another SLA breach), at most once per debounce
/// interval. A pending closed assessment is never replaced by a risk one.
/// </summary>
internal static class AssessmentRequests
{
    /// <summary>Updates the pending request and the risk marks; true when a new request was made.</summary>
    public static bool Observe(ConversationState state, bool wasClosed, ScoreResult score, DateTimeOffset now, TimeSpan debounce)
    {
        var ai = state.Ai;
        var collapsed = SentimentCollapse.HasCollapsed(state.Scorer);
        var newRisk = (score.AutoFailed && !ai.SeenAutoFail)
            || (collapsed && !ai.SeenCollapse)
            || state.Scorer.SlaBreaches > ai.SeenSlaBreaches;
        ai.SeenAutoFail = score.AutoFailed;
        ai.SeenCollapse = collapsed;
        ai.SeenSlaBreaches = state.Scorer.SlaBreaches;

        if (state.Closed && !wasClosed)
        {
            ai.Pending = new PendingAssessment(AssessmentTriggers.Closed, now, 0, null, null);
            return true;
        }

        if (state.Closed || !newRisk || ai.Pending is not null || (ai.LastRiskRequestAt is { } last && now - last < debounce))
        {
            return false;
        }

        ai.LastRiskRequestAt = now;
        ai.Pending = new PendingAssessment(AssessmentTriggers.Risk, now, 0, null, null);
        return true;
    }
}
