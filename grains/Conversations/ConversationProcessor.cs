using System.Collections.Immutable;
using CraftCX.Aggregation;
using CraftCX.Events;
using CraftCX.Scoring;
using CraftCX.Signals;

namespace CraftCX.Conversations;

/// <summary>
/// The rules of one conversation without the grain around them: ordering and idempotency, transcript,
/// attribution and scoring. The grain adds storage; tests use this class directly.
/// </summary>
internal sealed class ConversationProcessor(RuleScorer scorer, ConversationOptions options)
{
    /// <summary>Applies events in order; returns how many were applied and which were duplicates or refused.</summary>
    public (int Applied, int Duplicates, List<IndexedRejection>? Rejections) Apply(
        ConversationState state,
        string tenant,
        string conversation,
        IReadOnlyList<ChatEvent> events,
        CompiledScorecard scorecard)
    {
        var applied = 0;
        var duplicates = 0;
        List<IndexedRejection>? rejections = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (Misdelivered(e, tenant, conversation, i) is { } misdelivered)
            {
                (rejections ??= []).Add(misdelivered);
                continue;
            }

            if ((state.Exists && e.Sequence <= state.LastSequence) || state.RecentEventIds.Contains(e.Id))
            {
                duplicates++;
                continue;
            }

            ApplyOne(state, e, scorecard);
            applied++;
        }

        return (applied, duplicates, rejections);
    }

    /// <summary>
    /// Keeps events unprocessed while the end user has restricted processing, with the same ordering and
    /// idempotency as <see cref="Apply"/>; beyond <paramref name="limit"/> held back events, refuses with the reason.
    /// </summary>
    public static (int HeldBack, int Duplicates, List<IndexedRejection>? Rejections) HoldBack(
        ConversationState state,
        string tenant,
        string conversation,
        IReadOnlyList<ChatEvent> events,
        int limit,
        int byteLimit = int.MaxValue)
    {
        var heldBack = 0;
        var bytes = state.HeldBack.Sum(TextBytes);
        var duplicates = 0;
        List<IndexedRejection>? rejections = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (Misdelivered(e, tenant, conversation, i) is { } misdelivered)
            {
                (rejections ??= []).Add(misdelivered);
                continue;
            }

            if (IsDuplicate(state, e))
            {
                duplicates++;
                continue;
            }

            if (state.HeldBack.Count >= limit || bytes + TextBytes(e) > byteLimit)
            {
                (rejections ??= []).Add(new IndexedRejection(i, new EventRejection(
                    RejectionCodes.ProcessingRestricted,
                    $"Processing of {e.ConversationKey} is restricted at its end user's request and it already holds {state.HeldBack.Count} events ({bytes} bytes of text) back, its limit.")));
                continue;
            }

            state.HeldBack.Add(e);
            bytes += TextBytes(e);
            heldBack++;
        }

        return (heldBack, duplicates, rejections);
    }

    private static IndexedRejection? Misdelivered(ChatEvent e, string tenant, string conversation, int index) =>
        string.Equals(e.Tenant, tenant, StringComparison.Ordinal) && string.Equals(e.Conversation, conversation, StringComparison.Ordinal)
            ? null
            : new IndexedRejection(index, new EventRejection(
                RejectionCodes.RejectedByConversation,
                $"Event for {e.ConversationKey} was delivered to conversation {GrainKeys.Compose(tenant, conversation)}."));

    private static int TextBytes(ChatEvent e) => e.Text is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(e.Text);

    /// <summary>Applied already, or held back already.</summary>
    public static bool IsDuplicate(ConversationState state, ChatEvent e) =>
        (state.Exists && e.Sequence <= state.LastSequence)
        || state.RecentEventIds.Contains(e.Id)
        || (state.HeldBack.Count > 0 && (e.Sequence <= state.HeldBack[^1].Sequence || state.HeldBack.Exists(h => string.Equals(h.Id, e.Id, StringComparison.Ordinal))));

    /// <summary>
    /// The conversation's current contribution addressed to each aggregate that counts it or may hold it, recorded
    /// in its delivery state (which must be stored before the updates are sent).
    /// </summary>
    public static IReadOnlyList<AggregateUpdate> BuildUpdates(ConversationState state, string tenant, string conversation, CompiledScorecard scorecard, DateTimeOffset issuedAt, double aiMinConfidence = ConversationScoring.DefaultMinConfidence) =>
        state.Exists ? BuildUpdates(state, tenant, conversation, ConversationScoring.Evaluate(scorecard, state, aiMinConfidence), issuedAt, out _) : [];

    /// <summary>As above, from the conversation's shown score already evaluated; <paramref name="changed"/> says whether the delivery state changed.</summary>
    public static IReadOnlyList<AggregateUpdate> BuildUpdates(ConversationState state, string tenant, string conversation, ScoreResult score, DateTimeOffset issuedAt, out bool changed)
    {
        changed = false;
        if (ContributionOf(state, tenant, conversation, score) is not { } contribution)
        {
            return [];
        }

        return ContributionAddressing.Address(state.Delivery, tenant, contribution, FormerTargets(state, tenant), issuedAt, out changed);
    }

    /// <summary>The latest contribution sent, addressed again to every aggregate that may hold it.</summary>
    public static IReadOnlyList<AggregateUpdate> Resend(ConversationState state, string tenant, ScoreContribution latest, DateTimeOffset issuedAt) =>
        ContributionAddressing.Address(state.Delivery, tenant, latest, FormerTargets(state, tenant), issuedAt, out _);

    private static IEnumerable<AggregateTarget> FormerTargets(ConversationState state, string tenant) =>
        state.FormerAgents.Select(a => new AggregateTarget(AggregateLevel.Agent, GrainKeys.Compose(tenant, a)))
            .Concat(state.FormerWorkspaces.Select(w => new AggregateTarget(AggregateLevel.Workspace, GrainKeys.Compose(tenant, w))));

    /// <summary>The conversation's whole current contribution, or null while it has no overall score.</summary>
    public static ScoreContribution? ContributionOf(ConversationState state, string tenant, string conversation, ScoreResult score)
    {
        if (!state.Exists || score.Overall is not { } overall)
        {
            return null;
        }

        var (agentId, isBot) = Attribution.PrimaryAgent(state);
        var criteria = ImmutableArray.CreateBuilder<CriterionScore>(score.Criteria.Count);
        foreach (var criterion in score.Criteria)
        {
            if (criterion.Score is { } s)
            {
                criteria.Add(new CriterionScore(criterion.Definition.Id, s));
            }
        }

        return new ScoreContribution(
            GrainKeys.Compose(tenant, conversation),
            state.LastSequence,
            Retracted: false,
            state.LastEventAt,
            agentId,
            isBot,
            Attribution.HandledBy(state),
            overall,
            score.AutoFailed,
            criteria.ToImmutable())
        {
            Sentiment = state.Scorer.SentimentCurrent,
            SlaBreaches = state.Scorer.SlaBreaches,
            SentimentCollapsed = SentimentCollapse.HasCollapsed(state.Scorer),
            Closed = state.Closed,
            Revision = state.Ai.Revision,
            Workspace = state.Workspace,
            Imported = state.Imported,
            Channel = state.Channel,
            FirstResponseSeconds = state.Scorer.FirstResponseSeconds is { } first ? (int)Math.Round(first) : null,
            Segmented = true,
        };
    }

    private void ApplyOne(ConversationState state, ChatEvent e, CompiledScorecard scorecard)
    {
        var previousAgent = state.Exists ? Attribution.PrimaryAgent(state).AgentId : null;
        if (!state.Exists)
        {
            state.Exists = true;
            state.Workspace = e.Workspace;
            state.StartedAt = e.OccurredAt;
            state.LastEventAt = e.OccurredAt;
        }
        else if (!string.Equals(state.Workspace, e.Workspace, StringComparison.Ordinal))
        {
            // The helpdesk moved the conversation to another team: its score leaves the old workspace.
            AddDistinct(state.FormerWorkspaces, state.Workspace, MaxFormer);
            state.FormerWorkspaces.Remove(e.Workspace);
            state.Workspace = e.Workspace;
        }

        switch (e.Type)
        {
            case ChatEventType.ConversationStarted:
                state.StartedAt = e.OccurredAt < state.StartedAt ? e.OccurredAt : state.StartedAt;
                state.Customer = e.Customer ?? state.Customer;
                state.Channel = e.Channel ?? state.Channel;
                state.Scorer.Channel = state.Channel;
                state.Subject = e.Subject ?? state.Subject;
                scorer.ObserveSubject(state.Scorer, e.Subject);
                break;
            case ChatEventType.MessageCreated:
                ApplyMessage(state, e, scorecard);
                break;
            case ChatEventType.AgentAssigned:
            case ChatEventType.ConversationHandoff:
                state.AssignedHandler = e.Agent;
                if (e.Agent?.Id is { } handlerId)
                {
                    AddDistinct(state.Agents, handlerId, ConversationState.MaxParticipants);
                }

                break;
            case ChatEventType.ConversationTagged:
                foreach (var tag in e.Tags ?? [])
                {
                    AddDistinct(state.Tags, tag, ConversationState.MaxTags);
                }

                break;
            case ChatEventType.CsatReceived:
                state.Csat = e.CsatScore;
                break;
            case ChatEventType.ConversationClosed:
                state.ClosedAt = e.OccurredAt;
                state.Resolution = e.Resolution;
                RuleScorer.ObserveClosed(state.Scorer, e.Resolution);
                break;
            case ChatEventType.ConversationReopened:
                state.ClosedAt = null;
                state.Resolution = null;
                RuleScorer.ObserveReopened(state.Scorer);
                break;
        }

        if (e.OccurredAt > state.LastEventAt)
        {
            state.LastEventAt = e.OccurredAt;
        }

        state.LastSequence = e.Sequence;
        state.RecentEventIds.Add(e.Id, options.RecentEventIds);

        state.EventsApplied++;

        var currentAgent = Attribution.PrimaryAgent(state).AgentId;
        if (previousAgent is not null && !string.Equals(previousAgent, currentAgent, StringComparison.Ordinal))
        {
            AddDistinct(state.FormerAgents, previousAgent, MaxFormer);
        }

        if (currentAgent is not null)
        {
            state.FormerAgents.Remove(currentAgent);
        }
    }

    private const int MaxFormer = ConversationState.MaxParticipants;

    private void ApplyMessage(ConversationState state, ChatEvent e, CompiledScorecard scorecard)
    {
        var author = e.Author!;
        var text = e.Text ?? string.Empty;

        // A conversation announced only by its messages still gets its channel's targets.
        state.Channel ??= e.Channel;
        state.Scorer.Channel = state.Channel;
        state.Messages++;
        state.Transcript.Add(TranscriptCodec.Encode(new TranscriptMessage(e.MessageId!, author.Role, author.Id, e.OccurredAt, text, e.Internal)));
        if (state.Transcript.Count > options.MaxTranscriptMessages)
        {
            state.Transcript.RemoveAt(0);
        }

        if (!e.Internal)
        {
            if (author.Role == AuthorRole.Agent && author.Id is not null)
            {
                state.HumanSpoke = true;
                state.LastHumanAuthor = author.Id;
                AddDistinct(state.Agents, author.Id, ConversationState.MaxParticipants);
            }
            else if (author.Role == AuthorRole.Bot && author.Id is not null)
            {
                state.BotSpoke = true;
                state.LastBotAuthor = author.Id;
                AddDistinct(state.Agents, author.Id, ConversationState.MaxParticipants);
            }
        }

        scorer.ObserveMessage(scorecard, state.Scorer, e.MessageId!, author.Role, e.Internal, text, e.OccurredAt);
    }

    private static void AddDistinct(List<string> list, string value, int max)
    {
        if (!list.Contains(value) && list.Count < max)
        {
            list.Add(value);
        }
    }
}
