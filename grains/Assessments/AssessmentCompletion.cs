using CraftCX.Conversations;

namespace CraftCX.Assessments;

/// <summary>What an assessment attempt's outcome does to a conversation's AI state.</summary>
internal static class AssessmentCompletion
{
    /// <summary>Applies the outcome; true when the shown scores may have changed (a new assessment).</summary>
    public static bool Apply(ConversationAiState ai, AssessmentOutcome outcome, DateTimeOffset now)
    {
        var pending = ai.Pending;
        if (outcome.Record is { } record)
        {
            ai.Latest = record;
            ai.Revision++;
            ai.LastProblem = null;
            ai.LastProblemAt = null;

            // A risk assessment that finished after the conversation closed does not stand in for the closing one.
            ai.Pending = pending is { Trigger: AssessmentTriggers.Closed } && record.Trigger != AssessmentTriggers.Closed
                ? pending with { Attempts = 0, NotBefore = null, Reason = null }
                : null;
            return true;
        }

        if (outcome.RetryAt is { } retryAt && pending is not null)
        {
            ai.Pending = pending with { Attempts = pending.Attempts + 1, NotBefore = retryAt, Reason = outcome.Reason };
            return false;
        }

        ai.Pending = null;
        ai.LastProblem = (outcome.Skipped ? "skipped: " : "failed: ") + outcome.Reason;
        ai.LastProblemAt = now;
        return false;
    }
}
