using System.Collections.Immutable;
using CraftCX.Calibration;
using CraftCX.Conversations;
using CraftCX.Privacy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CraftCX.Reviews;

/// <summary>
/// The human reviews of one conversation: takes reviews and disputes, keeps them, and hands the workspace's
/// calibration a fresh sample after every change (the sample is rebuilt whole, so a lost update is repaired by
/// the next one).
/// </summary>
internal sealed partial class ConversationReviewsGrain(
    [PersistentState("reviews", StorageNames.Conversations)] IPersistentState<ConversationReviewsState> state,
    IOptions<ReviewOptions> options,
    TimeProvider time,
    ILogger<ConversationReviewsGrain> logger) : Grain, IConversationReviewsGrain
{
    private string _tenant = string.Empty;
    private string _conversation = string.Empty;
    private ImmutableArray<ScoredCriterion> _aiScores = [];
    private int _aiRevision = -1;
    private readonly SemaphoreSlim _writes = new(1, 1);

    private IConversationGrain Conversation => GrainFactory.GetGrain<IConversationGrain>(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _conversation) = GrainKeys.Split(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    // Retention calls interleave (the conversation that asks may itself be waited on by a review call here), so
    // they and the review writes take turns on this, and state never changes while a write is under way.
    public async Task<int> PurgePersonalDataAsync()
    {
        await _writes.WaitAsync();
        try
        {
            // Remembered here too: a review being submitted meanwhile read the conversation before the purge.
            var flagged = !state.State.TextPurged;
            state.State.TextPurged = true;
            var purged = 0;
            for (var i = 0; i < state.State.Reviews.Count; i++)
            {
                if (ReviewTextPurge.Apply(state.State.Reviews[i]) is { } withoutText)
                {
                    state.State.Reviews[i] = withoutText;
                    purged++;
                }
            }

            if (flagged || purged > 0)
            {
                await this.WriteOrDeactivateAsync(state);
            }

            return purged;
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<bool> ResealAsync()
    {
        await _writes.WaitAsync();
        try
        {
            if (!state.RecordExists)
            {
                return false;
            }

            await state.WriteStateAsync();
            DeactivateOnIdle();
            return true;
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task DeleteAsync()
    {
        await _writes.WaitAsync();
        try
        {
            // The sample is derived from these reviews and goes with them; the workspace's agreement figures follow.
            if (state.State.CalibratedWorkspace is { } workspace)
            {
                await Calibration(workspace).RemoveAsync(_conversation);
            }

            await state.ClearStateAsync();
            DeactivateOnIdle();
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<ReviewResult> SubmitAsync(ReviewSubmission submission, string? submittedWithKey, string? idempotencyKey)
    {
        if (idempotencyKey is not null && state.State.Reviews.Find(r => r.IdempotencyKey == idempotencyKey) is { } earlier)
        {
            return ReviewResult.Again(earlier);
        }

        if (await Conversation.GetReviewContextAsync() is not { } scorecardContext)
        {
            return ReviewResult.Failed(ReviewResultKind.ConversationNotFound, $"conversation '{_conversation}' does not exist");
        }

        var problems = ReviewRules.Check(submission, scorecardContext.CriterionIds, options.Value);
        if (problems.Count > 0)
        {
            return ReviewResult.Failed(ReviewResultKind.Invalid, [.. problems]);
        }

        if (state.State.Reviews.Count >= options.Value.MaxReviewsPerConversation)
        {
            return ReviewResult.Failed(ReviewResultKind.Conflict, $"this conversation has {state.State.Reviews.Count} reviews, the most kept (Reviews:MaxReviewsPerConversation)");
        }

        // Only a valid review makes the conversation pass its later AI assessments on to calibration; once is enough.
        var context = state.State.Reviews.Count == 0 ? await Conversation.AttachReviewsAsync() ?? scorecardContext : scorecardContext;

        var review = new ConversationReview(
            "r" + (state.State.Reviews.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            submission.ReviewerId,
            time.GetUtcNow(),
            [.. submission.Scores.Select(s => s with { Comment = Trimmed(s.Comment) })],
            Trimmed(submission.Comment),
            submittedWithKey,
            Dispute: null,
            idempotencyKey);
        // Past its transcript period a conversation keeps no free text, so neither does a review written later.
        state.State.Reviews.Add(context.PersonalDataPurged || state.State.TextPurged ? ReviewTextPurge.Apply(review) ?? review : review);
        await SaveAndCalibrateAsync(context);
        LogReviewed(review.ReviewId, GrainKeys.Compose(_tenant, _conversation), review.ReviewerId, review.Scores.Length);
        return ReviewResult.Done(review);
    }

    public async Task<ReviewResult> DisputeAsync(string reviewId, DisputeSubmission dispute, string? disputedWithKey)
    {
        var problems = ReviewRules.Check(dispute, options.Value);
        if (problems.Count > 0)
        {
            return ReviewResult.Failed(ReviewResultKind.Invalid, [.. problems]);
        }

        if (Find(reviewId) is not { } index)
        {
            return ReviewResult.Failed(ReviewResultKind.ReviewNotFound, $"review '{reviewId}' of conversation '{_conversation}' does not exist");
        }

        if (await Conversation.GetReviewContextAsync() is not { } context)
        {
            return ReviewResult.Failed(ReviewResultKind.ConversationNotFound, $"conversation '{_conversation}' does not exist");
        }

        if (!context.Agents.Contains(dispute.AgentId))
        {
            return ReviewResult.Failed(ReviewResultKind.Invalid, $"agentId: '{dispute.AgentId}' did not handle this conversation; only its agents may dispute its reviews");
        }

        var review = state.State.Reviews[index];
        if (review.Dispute is { } existing)
        {
            return ReviewResult.Failed(ReviewResultKind.Conflict, $"review '{reviewId}' was already disputed by '{existing.AgentId}' ({existing.Status})");
        }

        review = review with { Dispute = new ReviewDispute(dispute.AgentId, dispute.Reason.Trim(), time.GetUtcNow(), DisputeStatus.Open) { DisputedWithKey = disputedWithKey } };
        state.State.Reviews[index] = context.PersonalDataPurged || state.State.TextPurged ? ReviewTextPurge.Apply(review) ?? review : review;
        await SaveAndCalibrateAsync(context);
        LogDisputed(reviewId, GrainKeys.Compose(_tenant, _conversation), dispute.AgentId);
        return ReviewResult.Done(review);
    }

    public async Task<ReviewResult> DecideDisputeAsync(string reviewId, DisputeDecision decision, string? decidedWithKey)
    {
        var problems = ReviewRules.Check(decision, options.Value);
        if (problems.Count > 0)
        {
            return ReviewResult.Failed(ReviewResultKind.Invalid, [.. problems]);
        }

        if (Find(reviewId) is not { } index)
        {
            return ReviewResult.Failed(ReviewResultKind.ReviewNotFound, $"review '{reviewId}' of conversation '{_conversation}' does not exist");
        }

        var review = state.State.Reviews[index];
        if (review.Dispute is not { Status: DisputeStatus.Open } dispute)
        {
            return ReviewResult.Failed(ReviewResultKind.Conflict, review.Dispute is null
                ? $"review '{reviewId}' has no dispute to decide"
                : $"the dispute of review '{reviewId}' was already decided ({review.Dispute.Status})");
        }

        if (await Conversation.GetReviewContextAsync() is not { } context)
        {
            return ReviewResult.Failed(ReviewResultKind.ConversationNotFound, $"conversation '{_conversation}' does not exist");
        }

        review = review with
        {
            Dispute = dispute with { Status = decision.Outcome, DecidedBy = decision.DecidedBy, DecisionComment = Trimmed(decision.Comment), DecidedAt = time.GetUtcNow(), DecidedWithKey = decidedWithKey },
        };
        state.State.Reviews[index] = context.PersonalDataPurged || state.State.TextPurged ? ReviewTextPurge.Apply(review) ?? review : review;
        await SaveAndCalibrateAsync(context);
        LogDecided(reviewId, GrainKeys.Compose(_tenant, _conversation), decision.Outcome, decision.DecidedBy);
        return ReviewResult.Done(review);
    }

    public async Task<ConversationReviewsView?> GetAsync()
    {
        if (await Conversation.GetReviewContextAsync() is not { } context)
        {
            return null;
        }

        return new ConversationReviewsView(_tenant, _conversation, context.Workspace, context.PrimaryAgent, [.. state.State.Reviews], context.RuleScores, context.AiScores);
    }

    public Task OnAiAssessedAsync(ReviewContext context)
    {
        // Interleaves with the other calls: no state write here (two writes at once would conflict). The AI
        // scores need no storing: every later call brings them fresh from the conversation.
        if (state.State.Reviews.Count == 0)
        {
            return Task.CompletedTask;
        }

        KeepNewestAi(context);
        return Calibration(state.State.CalibratedWorkspace ?? context.Workspace).RecordAsync(Sample(context));
    }

    private async Task SaveAndCalibrateAsync(ReviewContext context)
    {
        await _writes.WaitAsync();
        try
        {
            await SaveAndCalibrateUnlockedAsync(context);
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task SaveAndCalibrateUnlockedAsync(ReviewContext context)
    {
        KeepNewestAi(context);
        var current = state.State;
        current.Changes++;
        var formerWorkspace = current.CalibratedWorkspace;
        current.CalibratedWorkspace = context.Workspace;
        var sample = Sample(context);
        await this.WriteOrDeactivateAsync(state);
        if (formerWorkspace is not null && formerWorkspace != context.Workspace)
        {
            await Calibration(formerWorkspace).RemoveAsync(_conversation);
        }

        await Calibration(context.Workspace).RecordAsync(sample);
    }

    // Built from the state as it is now, so the sample with the higher (changes, AI revision) holds everything.
    private CalibrationSample Sample(ReviewContext context) =>
        CalibrationSamples.Create(
            _conversation,
            context with { AiScores = _aiScores },
            state.State.Reviews,
            time.GetUtcNow(),
            CalibrationSamples.Version(state.State.Changes, _aiRevision));

    private void KeepNewestAi(ReviewContext context)
    {
        if (context.AiRevision >= _aiRevision)
        {
            _aiRevision = context.AiRevision;
            _aiScores = context.AiScores;
        }
    }

    private ICalibrationGrain Calibration(string workspace) => GrainFactory.GetGrain<ICalibrationGrain>(GrainKeys.Compose(_tenant, workspace));

    private int? Find(string reviewId)
    {
        var index = state.State.Reviews.FindIndex(r => r.ReviewId == reviewId);
        return index < 0 ? null : index;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "Review {ReviewId} of {Conversation} by {Reviewer}: {Criteria} criteria scored")]
    private partial void LogReviewed(string reviewId, string conversation, string reviewer, int criteria);

    [LoggerMessage(Level = LogLevel.Information, Message = "Review {ReviewId} of {Conversation} disputed by {Agent}")]
    private partial void LogDisputed(string reviewId, string conversation, string agent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispute of review {ReviewId} of {Conversation} {Outcome} by {DecidedBy}")]
    private partial void LogDecided(string reviewId, string conversation, string outcome, string decidedBy);
}
