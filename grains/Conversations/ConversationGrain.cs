using System.Diagnostics;
using CraftCX.Aggregation;
using CraftCX.Assessments;
using CraftCX.Encryption;
using CraftCX.Events;
using CraftCX.Privacy;
using CraftCX.Privacy.EndUsers;
using CraftCX.Reviews;
using CraftCX.Scoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CraftCX.Conversations;

/// <summary>
/// One conversation: applies its events once and in order, stores the result in one write per batch, and keeps
/// its AI assessment requests (pending ones survive restarts and are asked again by a reminder).
/// </summary>
internal sealed partial class ConversationGrain(
    [PersistentState("conversation", StorageNames.Conversations)] IPersistentState<ConversationState> state,
    RuleScorer scorer,
    ScorecardCache scorecards,
    IOptions<ConversationOptions> options,
    IOptions<AiOptions> aiOptions,
    IOptions<AggregationOptions> aggregation,
    IOptions<RetentionOptions> retention,
    IOptions<PrivacyOptions> privacy,
    EndUserKeys endUserKeys,
    AssessmentDispatcher assessments,
    SiloStopping silo,
    TimeProvider time,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain, IRemindable
{
    private const string AssessmentReminder = "ai-assessment";

    private readonly ConversationProcessor _processor = new(scorer, options.Value);
    private PendingAssessmentSchedule _assessment = null!;
    private ConversationEndUsers _endUsers = null!;
    private string _tenant = string.Empty;
    private string _conversation = string.Empty;

    private AiOptions Ai => aiOptions.Value;

    private IScoreAggregationBatcherGrain Batcher => GrainFactory.GetGrain<IScoreAggregationBatcherGrain>(0);

    private IConversationReviewsGrain Reviews => GrainFactory.GetGrain<IConversationReviewsGrain>(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _conversation) = GrainKeys.Split(this.GetPrimaryKeyString());
        _assessment = new PendingAssessmentSchedule(Ai, time, new AssessmentHost(this, assessments));
        _endUsers = new ConversationEndUsers(GrainFactory, endUserKeys, _tenant, _conversation);
        return Task.CompletedTask;
    }

    public Task<ApplyResult> ApplyAsync(IReadOnlyList<ChatEvent> events) => ApplyAsync(events, imported: false);

    public Task<ApplyResult> ImportAsync(IReadOnlyList<ChatEvent> events) => ApplyAsync(events, imported: true);

    private async Task<ApplyResult> ApplyAsync(IReadOnlyList<ChatEvent> events, bool imported)
    {
        var current = state.State;
        if (current.Tombstone)
        {
            // Deleted by retention: a replay of its events must not bring it back.
            return new ApplyResult(0, events.Count, [], [], Created: false);
        }

        // Before any processing: an end user who restricted it must not have this batch scored.
        await _endUsers.JoinAsync(current, events);
        if (current.Restricted)
        {
            // Stored with the held back events: applied later, they still count as the import they were.
            current.Imported |= imported && !current.Exists && current.HeldBack.Count == 0;
            return await HoldBackAsync(current, events);
        }

        return await ApplyEventsAsync(current, events, alwaysWrite: false, imported);
    }

    private async Task<ApplyResult> HoldBackAsync(ConversationState current, IReadOnlyList<ChatEvent> events)
    {
        var (heldBack, duplicates, rejections) = ConversationProcessor.HoldBack(current, _tenant, _conversation, events, privacy.Value.MaxHeldBackEvents, privacy.Value.MaxHeldBackBytes);
        if (heldBack > 0)
        {
            // A close held back still starts the retention clock, so held back text does not outlive the policy.
            await Task.WhenAll(this.WriteOrDeactivateAsync(state), IndexForRetentionAsync(current));
        }

        return new ApplyResult(heldBack, duplicates, (IReadOnlyList<IndexedRejection>?)rejections ?? [], [], Created: false);
    }

    private async Task<ApplyResult> ApplyEventsAsync(ConversationState current, IReadOnlyList<ChatEvent> events, bool alwaysWrite, bool? imported = null)
    {
        var scorecard = await scorecards.GetAsync(_tenant);
        var existed = current.Exists;
        var wasClosed = current.Closed;
        int applied, duplicates;
        List<IndexedRejection>? rejections;
        var assessmentRequested = false;
        ScoreResult? shown = null;
        try
        {
            (applied, duplicates, rejections) = _processor.Apply(current, _tenant, _conversation, events, scorecard);
            if (applied > 0 && imported is { } origin)
            {
                // Imported only while every event came through an import: one that goes on live is live from then on,
                // and a live one is never hidden because its earlier events were backfilled.
                current.Imported = origin && (!existed || current.Imported);
            }

            if (current.Exists)
            {
                // One rule evaluation per batch serves the risk check, the aggregates and the close log.
                var rule = RuleScorer.Evaluate(scorecard, current.Scorer);
                if (applied > 0 && Ai.Enabled && (!current.Imported || Ai.AssessImports))
                {
                    // Risk flags come from the rule scorer alone: an AI score never asks for another AI score.
                    assessmentRequested = AssessmentRequests.Observe(current, wasClosed, rule, time.GetUtcNow(), Ai.RiskDebounce);
                }

                shown = ConversationScoring.Blend(scorecard, current, rule, Ai.MinConfidence);
            }
        }
        catch
        {
            // A half-applied batch must not survive in memory: start again from the stored state.
            DeactivateOnIdle();
            throw;
        }

        if (applied > 0 && current.ErasedAt is not null)
        {
            // The end user asked for erasure: whatever arrives later is scored, and its text goes at once.
            PersonalDataPurge.Apply(current, time.GetUtcNow());
        }

        if (applied > 0 && current.PersonalDataPurgedAt is not null && current.Closed)
        {
            // New data after a purge (late events, not a reopen): indexing again makes its day due again.
            current.RetentionIndexedAt = null;
        }

        // Addressed before the write, which stores where they go: an aggregate told of a contribution is one the
        // conversation knows to release.
        IReadOnlyList<AggregateUpdate> updates = [];
        var deliveryChanged = false;
        if (shown is not null)
        {
            updates = ConversationProcessor.BuildUpdates(current, _tenant, _conversation, shown, time.GetUtcNow(), out deliveryChanged);
            updates = TracedUpdates.Stamp(updates, Activity.Current);
            current.Delivery.SentAt = updates.Count > 0 && (applied > 0 || deliveryChanged) ? time.GetUtcNow() : current.Delivery.SentAt;
        }

        // The reminder is the durable safety net; a retried batch asks for nothing but may still lack it.
        var remind = _assessment.NeedsReminder(current.Ai, assessmentRequested);

        // One write per batch: the effect and the applied sequence/ids land together, or not at all. The reminder
        // is registered alongside rather than after it, so the batch waits for the slower of the two, not their
        // sum; a reminder whose request was not stored finds nothing to do and goes away.
        var write = applied > 0 || alwaysWrite || deliveryChanged ? this.WriteOrDeactivateAsync(state) : Task.CompletedTask;
        var index = IndexForRetentionAsync(current);
        await (remind ? Task.WhenAll(write, index, _assessment.RegisterReminderAsync()) : Task.WhenAll(write, index));

        if (!wasClosed && current.Closed && shown is not null)
        {
            LogClosed(shown);
        }

        if (remind)
        {
            await _assessment.ScheduleAsync(current.Ai);
        }

        return new ApplyResult(
            applied,
            duplicates,
            (IReadOnlyList<IndexedRejection>?)rejections ?? [],
            updates,
            Created: !existed && current.Exists);
    }

    // A closed conversation is indexed under the day of its close, alongside the batch's write: a failed index
    // fails the batch, and the retry, whose events are duplicates, still finds the close not yet indexed.
    private async Task IndexForRetentionAsync(ConversationState current)
    {
        if (current.RetentionClosedAt is not { } closedAt || current.RetentionIndexedAt == closedAt)
        {
            return;
        }

        var bucket = RetentionBuckets.Key(_tenant, RetentionBuckets.DayOf(closedAt), RetentionBuckets.ShardOf(_conversation));
        await GrainFactory.GetGrain<IRetentionBucketGrain>(bucket).AddAsync(_conversation);

        // Stored with the next write, if any; until then a replay indexes it again, which changes nothing.
        current.RetentionIndexedAt = closedAt;
    }

    public async Task ReleaseContributionsAsync(long version, int revision)
    {
        if (state.State.Delivery is { Latest: { } latest, Holders.Count: > 0 } && latest.Version == version)
        {
            // The caller's copies went to every holder: when they were the latest, nothing need be sent again.
            await ReleaseHeldContributionsAsync(silo.Token, acknowledged: latest.Revision == revision);
            LeaveMemoryIfDone();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.State.Delivery.Holders.Count == 0 || silo.Token.IsCancellationRequested)
        {
            return;
        }

        try
        {
            // Deactivations follow failed writes too: only what is stored may be released.
            await state.ReadStateAsync(cancellationToken);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, silo.Token);
            await ReleaseHeldContributionsAsync(both.Token, acknowledged: false);
        }
        catch (Exception ex)
        {
            // The aggregates keep holding it, which is safe; the next activation releases it.
            LogReleaseDeferred(GrainKeys.Compose(_tenant, _conversation), ex.GetType().Name);
        }
    }

    // Released and closed, a conversation leaves memory: it is done unless a late event or an AI answer wakes it,
    // and otherwise closed conversations would fill the silo until activation collection came for them. Not while
    // an assessment is pending: its lease lives in memory, and a new activation would ask the model again.
    private void LeaveMemoryIfDone()
    {
        if (state.State.Closed && state.State.Delivery.Holders.Count == 0 && state.State.Ai.Pending is null && !state.State.Ai.ScoresUnpublished)
        {
            DeactivateOnIdle();
        }
    }

    // The aggregates may forget what they hold of this conversation once each has applied its latest contribution and
    // that is stored here: the next contribution then names what it replaces. Unless the caller knows every holder
    // applied it, it is sent again first (they ignore a copy); one sent so long ago that the aggregates may have given
    // up holding it is not.
    private async Task ReleaseHeldContributionsAsync(CancellationToken cancellationToken, bool acknowledged)
    {
        var current = state.State;
        // Not on a stopping silo: its aggregates may be gone already, and holding on is safe.
        if (!aggregation.Value.ReleaseContributions || silo.Token.IsCancellationRequested || current.Tombstone
            || current.Delivery is not { Latest: { } latest, Holders.Count: > 0 } delivery)
        {
            return;
        }

        if (!acknowledged && (delivery.SentAt is not { } sentAt || time.GetUtcNow() - sentAt < WindowedAggregate.Retention - TimeSpan.FromDays(1)))
        {
            var again = ConversationProcessor.Resend(current, _tenant, latest, time.GetUtcNow());
            await Batcher.PublishAsync(again).WaitAsync(cancellationToken);
        }

        var releases = ContributionAddressing.Release(delivery);
        await this.WriteOrDeactivateAsync(state);
        await Batcher.ReleaseAsync(releases).WaitAsync(cancellationToken);
    }

    public async Task<ConversationSnapshot?> GetSnapshotAsync(bool includeTranscript)
    {
        if (!state.State.Exists)
        {
            return null;
        }

        var scorecard = await scorecards.GetAsync(_tenant);
        return ConversationSnapshots.Create(state.State, _tenant, _conversation, scorecard, includeTranscript, Ai.MinConfidence);
    }

    public async Task<RetentionOutcome> ApplyRetentionAsync(RetentionPolicy policy)
    {
        var current = state.State;
        if (!current.Exists && !current.Tombstone && current.HeldBack.Count == 0)
        {
            return RetentionOutcome.Kept;
        }

        var now = time.GetUtcNow();
        if (current.Held)
        {
            return RetentionOutcome.Held;
        }

        switch (RetentionRules.Due(policy, current.RetentionClosedAt, now, retention.Value.ReplayWindow))
        {
            case RetentionDue.Forget:
                var wasTombstone = current.Tombstone;
                await DeleteReviewsAsync(current);
                current.RestrictedBy.Clear();
                await LeaveEndUsersOrDeactivateAsync(current);
                await state.ClearStateAsync();
                DeactivateOnIdle();
                return wasTombstone ? RetentionOutcome.Forgotten : RetentionOutcome.Deleted;
            case RetentionDue.Delete when !current.Tombstone:
                await DeleteReviewsAsync(current);
                current.RestrictedBy.Clear();
                await LeaveEndUsersOrDeactivateAsync(current);
                state.State = ConversationTombstone.Of(current);
                await this.WriteOrDeactivateAsync(state);
                return RetentionOutcome.Deleted;
            case RetentionDue.PurgePersonalData when !current.Tombstone:
                // Reviews every time: one written after the purge may bring new comments.
                if (current.Reviewed)
                {
                    await Reviews.PurgePersonalDataAsync();
                }

                if (!PersonalDataPurge.Apply(current, now))
                {
                    return RetentionOutcome.Kept;
                }

                // Stored before the index is left, so that a failure leaves it findable; entries restricting it stay.
                await this.WriteOrDeactivateAsync(state);
                if (current.EndUserKeys.Count > 0)
                {
                    await LeaveEndUsersOrDeactivateAsync(current);
                    await this.WriteOrDeactivateAsync(state);
                }

                return RetentionOutcome.PersonalDataPurged;
            default:
                return RetentionOutcome.Kept;
        }
    }

    public async Task<bool> SetLegalHoldAsync(LegalHold? hold)
    {
        var current = state.State;
        if (!current.Exists && current.HeldBack.Count == 0)
        {
            return false;
        }

        var lifted = current.LegalHold is not null && hold is null;
        current.LegalHold = hold;
        if (lifted)
        {
            // Its day may have been swept meanwhile: indexed again before the lift is stored, so that a failed
            // index leaves the hold in place (the activation starts again from storage) and the caller retries.
            current.RetentionIndexedAt = null;
            try
            {
                await IndexForRetentionAsync(current);
            }
            catch
            {
                DeactivateOnIdle();
                throw;
            }
        }

        await this.WriteOrDeactivateAsync(state);
        return true;
    }

    public async Task RefreshEndUserControlsAsync(string endUser)
    {
        var current = state.State;
        if (!current.EndUserKeys.Contains(endUser))
        {
            return;
        }

        var controls = await _endUsers.ReadControlsAsync(endUser);
        var wasRestricted = current.Restricted;
        var wasHeld = current.Held;
        if (!ConversationEndUsers.Apply(current, endUser, controls))
        {
            return;
        }

        try
        {
            if (wasHeld && !current.Held)
            {
                // As when a conversation's own hold is lifted: its day may have been swept meanwhile.
                current.RetentionIndexedAt = null;
                await IndexForRetentionAsync(current);
            }

            if (wasRestricted && !current.Restricted && current.HeldBack.Count > 0)
            {
                await ResumeAsync(current);
                return;
            }
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        await this.WriteOrDeactivateAsync(state);
    }

    // The restriction is lifted: what was held back is applied in order, as if it had just arrived, and its
    // scores reach the aggregates the way an AI revision's do.
    private async Task ResumeAsync(ConversationState current)
    {
        var events = current.HeldBack;
        current.HeldBack = [];
        current.Ai.ScoresUnpublished = true;
        var purgedBefore = current.PersonalDataPurgedAt is not null;
        await ApplyEventsAsync(current, events, alwaysWrite: true);
        if (purgedBefore)
        {
            // Purged while restricted: the events applied now had lost their text, and leave no transcript; the
            // conversation stayed in the index only so that the restriction could be lifted.
            PersonalDataPurge.Apply(current, time.GetUtcNow());
            await LeaveEndUsersOrDeactivateAsync(current, erased: current.ErasedAt is not null);
            await this.WriteOrDeactivateAsync(state);
        }

        await PublishAiScoresAsync();
        if (current.Ai.ScoresUnpublished)
        {
            await _assessment.RegisterReminderAsync();
        }

        await _assessment.ScheduleAsync(current.Ai);
    }

    public async Task<ConversationErasure> EraseEndUserAsync()
    {
        var current = state.State;
        if (current.Tombstone)
        {
            return new ConversationErasure(_conversation, ConversationErasure.Deleted, 0, 0, false, false, false, 0, 0);
        }

        if (!current.Exists && current.HeldBack.Count == 0)
        {
            return new ConversationErasure(_conversation, ConversationErasure.Absent, 0, 0, false, false, false, 0, 0);
        }

        if (current.Held)
        {
            return new ConversationErasure(_conversation, ConversationErasure.Held, 0, 0, false, false, false, 0, current.EndUserKeys.Count);
        }

        var erasure = new ConversationErasure(
            _conversation,
            ConversationErasure.Erased,
            current.Transcript.Count,
            current.HeldBack.Count,
            current.Customer is not null,
            current.Subject is not null,
            PersonalDataPurge.HasAiText(current),
            current.Reviewed ? await Reviews.PurgePersonalDataAsync() : 0,
            current.EndUserKeys.Count);
        // Stored before the index is left: if leaving fails, the index still leads a retried request here. Events
        // a restriction holds back keep their place, without their text, and the restricting entries stay, which
        // is how the restriction is lifted later.
        PersonalDataPurge.Apply(current, time.GetUtcNow());
        current.ErasedAt ??= time.GetUtcNow();
        await this.WriteOrDeactivateAsync(state);
        await LeaveEndUsersOrDeactivateAsync(current, erased: true);
        await this.WriteOrDeactivateAsync(state);
        return erasure;
    }

    public async Task ForgetAsync()
    {
        var current = state.State;
        try
        {
            await DeleteReviewsAsync(current);
        }
        catch (Exception ex) when (DataKeyDestroyed.Caused(ex))
        {
            // A shredded tenant's reviews cannot activate, so hold nothing in memory; the storage sweep takes the row.
        }

        current.RestrictedBy.Clear();
        await LeaveEndUsersOrDeactivateAsync(current);
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    public async Task<ConversationPersonalData?> GetPersonalDataAsync() =>
        ConversationPersonalDataViews.Create(state.State, _tenant, _conversation, await scorecards.GetAsync(_tenant), Ai.MinConfidence);

    private async Task LeaveEndUsersOrDeactivateAsync(ConversationState current, bool erased = false)
    {
        try
        {
            await _endUsers.LeaveAsync(current, erased);
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    public async Task<bool> ResealAsync()
    {
        if (!state.RecordExists)
        {
            return false;
        }

        await this.WriteOrDeactivateAsync(state);

        // The re-encryption walks every stored conversation: it must not leave them all in memory.
        DeactivateOnIdle();
        return true;
    }

    public Task<LegalHoldStatus?> GetLegalHoldAsync() =>
        Task.FromResult(state.State.Exists || state.State.HeldBack.Count > 0 ? LegalHoldStatus.Of(state.State.LegalHold) : null);

    // First, so that a failure leaves the conversation to be asked again. The aggregates keep their de-identified
    // contribution.
    private async Task DeleteReviewsAsync(ConversationState current)
    {
        if (current.Reviewed)
        {
            await Reviews.DeleteAsync();
        }
    }

    public async Task<ReviewContext?> GetReviewContextAsync() =>
        state.State.Exists ? ConversationReviewContexts.Create(state.State, await scorecards.GetAsync(_tenant)) : null;

    public async Task<ReviewContext?> AttachReviewsAsync()
    {
        if (!state.State.Exists)
        {
            return null;
        }

        if (!state.State.Reviewed)
        {
            state.State.Reviewed = true;
            await this.WriteOrDeactivateAsync(state);
        }

        return ConversationReviewContexts.Create(state.State, await scorecards.GetAsync(_tenant));
    }

    public async Task<AssessmentInput?> GetAssessmentInputAsync()
    {
        // A restricted end user's conversation is not sent to a model until the restriction is lifted.
        if (state.State.Restricted || _assessment.TryLease(state.State.Ai) is not { } pending)
        {
            return null;
        }

        var scorecard = await scorecards.GetAsync(_tenant);
        return new AssessmentInput(
            state.State.LastSequence,
            pending,
            state.State.Transcript.Select(TranscriptCodec.Decode).ToArray(),
            state.State.Customer,
            scorecard.Definition);
    }

    public async Task CompleteAssessmentAsync(AssessmentOutcome outcome)
    {
        _assessment.ReleaseLease();
        var current = state.State;
        if (!current.Exists || current.Tombstone || current.Ai.Pending is null)
        {
            // Retention purged or deleted it while the model was thinking: the answer must not bring text back.
            return;
        }

        if (current.Restricted)
        {
            // Restricted while the model was thinking: the request stays pending and is asked again after the lift.
            return;
        }

        if (AssessmentCompletion.Apply(current.Ai, outcome, time.GetUtcNow()))
        {
            current.Ai.ScoresUnpublished = true;
        }

        await this.WriteOrDeactivateAsync(state);
        LogOutcome(GrainKeys.Compose(_tenant, _conversation), outcome.Record is not null ? "assessed" : outcome.RetryAt is not null ? "waiting" : outcome.Skipped ? "skipped" : "failed", outcome.Reason);
        await PublishAiScoresAsync();
        await _assessment.ScheduleAsync(state.State.Ai);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == AssessmentReminder)
        {
            await PublishAiScoresAsync();
            await _assessment.ScheduleAsync(state.State.Ai);
        }
    }

    // The AI's scores reach the agent, workspace and tenant aggregates, the live surfaces and, once reviewed, the
    // calibration; both keep the newest revision per conversation, so publishing twice is harmless.
    private async Task PublishAiScoresAsync()
    {
        if (!state.State.Ai.ScoresUnpublished)
        {
            return;
        }

        try
        {
            var scorecard = await scorecards.GetAsync(_tenant);
            var shown = ConversationScoring.Evaluate(scorecard, state.State, Ai.MinConfidence);
            var updates = ConversationProcessor.BuildUpdates(state.State, _tenant, _conversation, shown, time.GetUtcNow(), out var deliveryChanged);
            if (deliveryChanged)
            {
                // Where it goes is stored before it goes.
                state.State.Delivery.SentAt = time.GetUtcNow();
                await this.WriteOrDeactivateAsync(state);
            }

            await Batcher.PublishAsync(updates);
            if (state.State.Reviewed)
            {
                await Reviews.OnAiAssessedAsync(ConversationReviewContexts.Create(state.State, scorecard));
            }

            state.State.Ai.ScoresUnpublished = false;
        }
        catch (Exception ex)
        {
            LogPublishFailed(ex, GrainKeys.Compose(_tenant, _conversation));
            return;
        }

        if (state.State.Closed)
        {
            // Assessed after its close, as most are: nothing else is on its way, so the aggregates may forget it again.
            try
            {
                // The publish just awaited sent the latest contribution to every holder.
                await ReleaseHeldContributionsAsync(silo.Token, acknowledged: true);
                LeaveMemoryIfDone();
            }
            catch (Exception ex)
            {
                LogReleaseDeferred(GrainKeys.Compose(_tenant, _conversation), ex.GetType().Name);
            }
        }
    }

    private void LogClosed(ScoreResult score)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var criteria = string.Join(", ", score.Criteria.Select(c => $"{c.Definition.Id} {c.Score?.ToString() ?? "-"}"));
        LogConversationClosed(
            GrainKeys.Compose(_tenant, _conversation),
            state.State.Resolution ?? "unspecified",
            score.Overall,
            score.Confidence,
            Attribution.PrimaryAgent(state.State).AgentId ?? "nobody",
            criteria);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {Conversation} closed ({Resolution}): overall {Overall}, confidence {Confidence}, agent {Agent} [{Criteria}]")]
    private partial void LogConversationClosed(string conversation, string resolution, int? overall, double confidence, string agent, string criteria);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AI scores of {Conversation} not yet in the aggregates; its reminder publishes them again")]
    private partial void LogPublishFailed(Exception exception, string conversation);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Conversation {Conversation} keeps its contribution held by its aggregates for now ({Error})")]
    private partial void LogReleaseDeferred(string conversation, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "AI assessment of {Conversation}: {Outcome} {Reason}")]
    private partial void LogOutcome(string conversation, string outcome, string? reason);

    // Orleans' reminders and timers belong to the grain; the schedule reaches them through this.
    private sealed class AssessmentHost(ConversationGrain grain, AssessmentDispatcher dispatcher) : IPendingAssessmentHost
    {
        public Task RegisterReminderAsync(TimeSpan period) => grain.RegisterOrUpdateReminder(AssessmentReminder, period, period);

        public async Task UnregisterReminderAsync()
        {
            if (await grain.GetReminder(AssessmentReminder) is { } reminder)
            {
                await grain.UnregisterReminder(reminder);
            }
        }

        public IDisposable StartRetryTimer(TimeSpan dueIn) => grain.RegisterGrainTimer(
            () =>
            {
                Dispatch();
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(dueIn, Timeout.InfiniteTimeSpan));

        public void Dispatch() => dispatcher.Enqueue(grain.GetPrimaryKeyString());
    }
}
