using CraftCX.Assessments;
using CraftCX.Scoring;
using CraftCX.Signals;

namespace CraftCX.Conversations;

/// <summary>Turns a conversation's state into the read model the API returns.</summary>
internal static class ConversationSnapshots
{
    public static ConversationSnapshot Create(
        ConversationState state,
        string tenant,
        string conversation,
        CompiledScorecard scorecard,
        bool includeTranscript,
        double aiMinConfidence = ConversationScoring.DefaultMinConfidence)
    {
        var scorer = state.Scorer;
        var score = ConversationScoring.Evaluate(scorecard, state, aiMinConfidence);
        var criteria = score.Criteria.Select(c =>
        {
            var rule = scorecard.Criteria.First(x => x.Definition.Id == c.Definition.Id).Rule;
            var criterionState = scorer.Criteria.GetValueOrDefault(c.Definition.Id) ?? new CriterionState();
            return new CriterionScoreView(
                c.Definition.Id,
                c.Definition.Name,
                c.Definition.Kind,
                c.Definition.Weight,
                c.Score,
                c.Definition.AutoFail,
                c.AutoFailed,
                criterionState.Evidence.ToArray(),
                rule.Explain(criterionState, scorer))
            {
                Source = c.Source,
                RuleScore = c.RuleScore,
                Ai = c.Ai,
            };
        }).ToArray();

        var trend = (scorer.SentimentCurrent, scorer.SentimentInitial) switch
        {
            ({ } current, { } initial) when current - initial >= 0.2 => "improving",
            ({ } current, { } initial) when current - initial <= -0.2 => "declining",
            _ => "stable",
        };

        var topics = scorer.TopicHits
            .OrderByDescending(t => t.Value)
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(3)
            .Select(t => t.Key)
            .ToArray();

        var handleEnd = state.ClosedAt ?? state.LastEventAt;
        return new ConversationSnapshot(
            tenant,
            state.Workspace,
            conversation,
            state.Closed ? "closed" : "open",
            state.StartedAt,
            state.LastEventAt,
            state.ClosedAt,
            state.LastSequence,
            state.EventsApplied,
            state.Messages,
            state.Channel,
            Attribution.PrimaryAgent(state).AgentId,
            state.Agents.ToArray(),
            new ScoreView(score.Overall, score.AutoFailed, score.Confidence, scorecard.Definition.Id, scorecard.Definition.Version, criteria),
            new SentimentView(scorer.SentimentCurrent, scorer.SentimentInitial, scorer.SentimentLowest, trend, scorer.CustomerMessages),
            new LabelsView(topics, EscalationRisk.Assess(scorer), Attribution.HandledBy(state), scorer.PiiSeen, state.Tags.ToArray()),
            new ResponseTimesView(
                scorer.FirstResponseSeconds,
                scorer.Responses == 0 ? null : Math.Round(scorer.ResponseSecondsSum / scorer.Responses, 1),
                scorer.Responses == 0 ? null : scorer.LongestWaitSeconds,
                scorer.Responses,
                scorer.SlaBreaches,
                Math.Max(0, (handleEnd - state.StartedAt).TotalSeconds)),
            state.Csat,
            state.Resolution,
            includeTranscript ? state.Transcript.Select(TranscriptCodec.Decode).ToArray() : null)
        {
            Ai = state.Ai is { Latest: null, Pending: null, LastProblem: null }
                ? null
                : new AiView(state.Ai.Latest, state.Ai.Pending, state.Ai.LastProblem, state.Ai.LastProblemAt, state.Ai.Revision),
        };
    }
}
