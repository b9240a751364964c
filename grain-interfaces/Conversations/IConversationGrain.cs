using CraftCX.Events;

namespace CraftCX.Conversations;

/// <summary>One live conversation: applies its events in order, once, and keeps its rolling score; key tenant/conversation.</summary>
[Alias("craftcx.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey, Encryption.ISealedStateOwner
{
    /// <summary>
    /// Applies events in the given order. Replayed ids and sequences at or below the last applied one change nothing.
    /// The result always carries the conversation's current contributions so that a caller retrying after a crash
    /// repairs the aggregates. Passed without a defensive copy: the caller must not change the list afterwards.
    /// </summary>
    Task<ApplyResult> ApplyAsync([Immutable] IReadOnlyList<ChatEvent> events);

    /// <summary>
    /// Applies events of an import (backfill) exactly as <see cref="ApplyAsync"/> does, and marks the conversation
    /// imported until a live event arrives: its scores count in the buckets of their own time and reach the score
    /// log, but not the live dashboard.
    /// </summary>
    Task<ApplyResult> ImportAsync([Immutable] IReadOnlyList<ChatEvent> events);

    /// <summary>
    /// Every copy of the contribution of this version and revision that its caller sent has been applied: the
    /// conversation stores that and lets its aggregates forget it (after sending it again when it has changed since
    /// at the same version). A newer version since is left for later.
    /// </summary>
    Task ReleaseContributionsAsync(long version, int revision);

    /// <summary>
    /// What an AI assessment needs, when one is pending, due, and not already being worked on (a lease per
    /// attempt); null otherwise.
    /// </summary>
    Task<Assessments.AssessmentInput?> GetAssessmentInputAsync();

    /// <summary>Takes an assessment attempt's outcome; a new assessment updates the scores and the aggregates.</summary>
    Task CompleteAssessmentAsync(Assessments.AssessmentOutcome outcome);

    /// <summary>What its reviews need (workspace, agents, rule and AI scores); null when no event was ever applied.</summary>
    [ReadOnly]
    Task<Reviews.ReviewContext?> GetReviewContextAsync();

    /// <summary>
    /// As <see cref="GetReviewContextAsync"/>, and from now on every new AI assessment is passed on to the
    /// conversation's reviews so that calibration compares with it.
    /// </summary>
    Task<Reviews.ReviewContext?> AttachReviewsAsync();

    /// <summary>The current state, or null when no event was ever applied.</summary>
    [ReadOnly]
    Task<ConversationSnapshot?> GetSnapshotAsync(bool includeTranscript);

    /// <summary>
    /// Applies the tenant's retention policy as of now: removes the transcript and customer identifiers once their
    /// period after the close has passed, and clears the stored state once the derived data's has too.
    /// </summary>
    Task<Privacy.RetentionOutcome> ApplyRetentionAsync(Privacy.RetentionPolicy policy);

    /// <summary>
    /// Sets (a hold) or lifts (null) the conversation's legal hold; false when there is no such conversation.
    /// Lifting indexes a closed conversation again, so the next sweep applies what the hold held back.
    /// </summary>
    Task<bool> SetLegalHoldAsync(Privacy.LegalHold? hold);

    /// <summary>
    /// One of its end users' index entries changed its controls; the conversation reads them from the entry: a
    /// restriction holds further events back unscored until lifted (then they are applied in order), a hold
    /// keeps retention and erasure away.
    /// </summary>
    Task RefreshEndUserControlsAsync(string endUser);

    /// <summary>
    /// An end user's erasure request: removes the transcript, customer identifiers, subject and AI free text (as a
    /// retention purge does) and the reviews' text, leaves the end-user index, and purges whatever arrives later.
    /// A held conversation keeps everything.
    /// </summary>
    Task<Privacy.EndUsers.ConversationErasure> EraseEndUserAsync();

    /// <summary>Everything it holds about its end user, for an export or a verification; null when it holds nothing.</summary>
    [ReadOnly]
    Task<Privacy.EndUsers.ConversationPersonalData?> GetPersonalDataAsync();

    /// <summary>
    /// The tenant's data is deleted: the reviews (and their calibration sample) go, the conversation leaves the
    /// end-user index and its stored state is cleared, whatever holds or policy say.
    /// </summary>
    Task ForgetAsync();

    /// <summary>The conversation's legal hold; null when there is no such conversation.</summary>
    [ReadOnly]
    Task<Privacy.LegalHoldStatus?> GetLegalHoldAsync();
}
