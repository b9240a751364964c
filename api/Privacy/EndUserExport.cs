using CraftCX.Conversations;
using CraftCX.Events;
using CraftCX.Reviews;

namespace CraftCX.Api.Privacy;

/// <summary>The portable document an export answers with; its conversations are written as they are read.</summary>
/// <param name="Identifiers">The kinds of identifier the request gave, never their values.</param>
internal sealed record EndUserExport(
    string Tenant,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<string> Identifiers,
    IAsyncEnumerable<EndUserExport.Conversation> Conversations)
{
    /// <summary>One conversation about the end user: what was sent, what CraftCX derived, and the reviews.</summary>
    /// <param name="State">Scores, labels, sentiment, AI assessment and the transcript; null while every event is held back.</param>
    internal sealed record Conversation(
        string Id,
        CustomerRef? Customer,
        string? Subject,
        bool Restricted,
        bool Held,
        DateTimeOffset? PersonalDataPurgedAt,
        DateTimeOffset? ErasedAt,
        ConversationSnapshot? State,
        IReadOnlyList<TranscriptMessage> HeldBack,
        IReadOnlyList<ConversationReview> Reviews);
}
