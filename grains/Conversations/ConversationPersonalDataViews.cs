using CraftCX.Events;
using CraftCX.Privacy.EndUsers;
using CraftCX.Scoring;

namespace CraftCX.Conversations;

/// <summary>Builds what a conversation holds about its end user, for an export or a verification.</summary>
internal static class ConversationPersonalDataViews
{
    public static ConversationPersonalData? Create(ConversationState state, string tenant, string conversation, CompiledScorecard scorecard, double aiMinConfidence)
    {
        if (!state.Exists && state.HeldBack.Count == 0)
        {
            return null;
        }

        var heldBack = state.HeldBack
            .Where(e => e.Type == ChatEventType.MessageCreated && e.Author is not null)
            .Select(e => new TranscriptMessage(e.MessageId ?? e.Id, e.Author!.Role, e.Author.Id, e.OccurredAt, e.Text ?? string.Empty, e.Internal))
            .ToArray();
        return new ConversationPersonalData(
            conversation,
            state.Customer ?? state.HeldBack.LastOrDefault(e => e.Customer is not null)?.Customer,
            state.Subject ?? state.HeldBack.LastOrDefault(e => e.Subject is not null)?.Subject,
            state.Exists ? ConversationSnapshots.Create(state, tenant, conversation, scorecard, includeTranscript: true, aiMinConfidence) : null,
            heldBack,
            state.Restricted,
            state.Held,
            state.PersonalDataPurgedAt,
            state.ErasedAt);
    }
}
