using System.Collections.Immutable;
using CraftCX.Assessments;
using CraftCX.Conversations;
using CraftCX.Events;

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
        var heldBackText = state.HeldBack.Exists(HasPersonalData);
        if (state.Transcript.Count == 0 && state.Customer is null && state.Subject is null && ai.Pending is null && ai.LastProblem is null && !aiText && !heldBackText)
        {
            return false;
        }

        state.Transcript = [];
        if (heldBackText)
        {
            // Held back by a restriction, still to be scored when it is lifted: the events stay, their text goes.
            state.HeldBack = state.HeldBack.Select(WithoutPersonalData).ToList();
        }

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

    /// <summary>The AI's latest assessment holds free text written from the transcript.</summary>
    public static bool HasAiText(ConversationState state) => state.Ai.Latest is { } latest && HasFreeText(latest.Content);

    private static bool HasPersonalData(ChatEvent e) =>
        e.Text is { Length: > 0 } || e.Customer is not null || e.Subject is not null || e.Reason is not null
        || e.Author is { Name: not null } || e.Author is { Role: AuthorRole.Customer, Id: not null };

    // The customer's author id is usually their helpdesk username; agents keep theirs for attribution.
    private static ChatEvent WithoutPersonalData(ChatEvent e) => e with
    {
        Text = e.Text is null ? null : string.Empty,
        Customer = null,
        Subject = null,
        Reason = null,
        Author = e.Author is null ? null : e.Author with { Name = null, Id = e.Author.Role == AuthorRole.Customer ? null : e.Author.Id },
    };

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
