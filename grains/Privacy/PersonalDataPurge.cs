using System.Collections.Immutable;
using CraftCX.Assessments;
using CraftCX.Conversations;

namespace CraftCX.Privacy;

/// <summary>
/// Removes from a conversation's state everything that can identify or quote its end user, and keeps what the
/// aggregates and the scorecard need: scores, labels, counts, timings and the applied sequence.
/// </summary>
internal static class PersonalDataPurge
{
    /// <summary>False when there was nothing left to remove.</summary>
    public static bool Apply(ConversationState state, DateTimeOffset now)
    {
        var ai = state.Ai;
        var aiText = ai.Latest is { } latest && HasFreeText(latest.Content);
        if (state.Transcript.Count == 0 && state.Customer is null && state.Subject is null && ai.Pending is null && ai.LastProblem is null && !aiText)
        {
            return false;
        }

        state.Transcript = [];
        state.Customer = null;
        state.Subject = null;

        // A pending request would send the transcript it no longer has; its scores are not worth the quote.
        ai.Pending = null;

        // The last failed attempt's description can quote the model's answer.
        ai.LastProblem = null;
        if (ai.Latest is { } record)
        {
            ai.Latest = record with { Content = WithoutFreeText(record.Content) };
        }

        state.PersonalDataPurgedAt ??= now;
        return true;
    }

    private static bool HasFreeText(AiAssessmentContent content) =>
        content.Summary.Value.Length > 0
        || content.Classifications.Intent.Value.Length > 0
        || !content.Recommendations.IsDefaultOrEmpty
        || content.Criteria.Any(c => c.Explanation.Length > 0);

    // The model writes these from the transcript and may quote the customer (the intent has no fixed vocabulary);
    // its scores, confidences and fixed-vocabulary labels stay.
    private static AiAssessmentContent WithoutFreeText(AiAssessmentContent content) => content with
    {
        Summary = content.Summary with { Value = string.Empty },
        Classifications = content.Classifications with { Intent = content.Classifications.Intent with { Value = string.Empty } },
        Recommendations = ImmutableArray<AiScoredValue>.Empty,
        Criteria = content.Criteria.Select(c => c with { Explanation = string.Empty }).ToImmutableArray(),
    };
}
