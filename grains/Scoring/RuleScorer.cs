using CraftCX.Events;
using CraftCX.Signals;
using CraftCX.Text;

namespace CraftCX.Scoring;

/// <summary>
/// The built-in deterministic scorer: takes each message once, updates running figures in
/// <see cref="ScorerState"/>, and computes scores from those figures. It needs no network and its cost per
/// message depends on the message, never on how long the conversation already is.
/// </summary>
public sealed class RuleScorer(SentimentAnalyzer sentiment, TopicClassifier topics)
{
    /// <summary>Weight of the newest customer message in the running sentiment.</summary>
    public const double SentimentSmoothing = 0.6;

    public static RuleScorer CreateDefault() => new(SentimentAnalyzer.CreateDefault(), TopicClassifier.CreateDefault());

    public MessageFacts ObserveMessage(
        CompiledScorecard scorecard,
        ScorerState state,
        string messageId,
        AuthorRole role,
        bool isInternal,
        string text,
        DateTimeOffset at)
    {
        var tokens = TextTokens.Parse(text);
        double? responseSeconds = null;
        var isFirstResponse = false;
        double? messageSentiment = null;

        if (role == AuthorRole.Customer && !isInternal)
        {
            state.CustomerMessages++;
            state.CustomerWaitingSince ??= at;
            messageSentiment = sentiment.Score(tokens);
            state.SentimentInitial ??= messageSentiment;
            state.SentimentCurrent = state.SentimentCurrent is { } current
                ? Math.Round(SentimentSmoothing * messageSentiment.Value + (1 - SentimentSmoothing) * current, 3)
                : messageSentiment;
            state.SentimentLowest = Math.Min(state.SentimentLowest ?? double.MaxValue, messageSentiment.Value);

            foreach (var topic in topics.Classify(tokens))
            {
                state.TopicHits[topic] = state.TopicHits.GetValueOrDefault(topic) + 1;
            }

            state.EscalationSignals += SignalPhrases.Escalation.CountMatches(tokens);
            if (SignalPhrases.Unresolved.Matches(tokens))
            {
                state.UnresolvedSignals++;
            }
        }
        else if (role is AuthorRole.Agent or AuthorRole.Bot && !isInternal)
        {
            state.AgentSideMessages++;
            if (state.CustomerWaitingSince is { } since)
            {
                var seconds = Math.Max(0, (at - since).TotalSeconds);
                isFirstResponse = state.FirstResponseSeconds is null;
                responseSeconds = seconds;
                state.FirstResponseSeconds ??= seconds;
                state.ResponseSecondsSum += seconds;
                state.Responses++;
                state.LongestWaitSeconds = Math.Max(state.LongestWaitSeconds, seconds);
                var sla = scorecard.Definition.Sla.For(state.Channel);
                var target = isFirstResponse ? sla.FirstResponseSeconds : sla.ResponseSeconds;
                if (seconds > target)
                {
                    state.SlaBreaches++;
                }

                state.CustomerWaitingSince = null;
            }
        }

        if (!isInternal && PersonalDataPatterns.ContainsPersonalData(text))
        {
            state.PiiSeen = true;
        }

        var facts = new MessageFacts(messageId, role, isInternal, text, tokens, at, responseSeconds, isFirstResponse, messageSentiment);
        foreach (var (definition, rule) in scorecard.Criteria)
        {
            rule.Observe(state.For(definition.Id), facts, state);
        }

        return facts;
    }

    /// <summary>The subject line counts for topics but not for sentiment or scores.</summary>
    public void ObserveSubject(ScorerState state, string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return;
        }

        foreach (var topic in topics.Classify(TextTokens.Parse(subject)))
        {
            state.TopicHits[topic] = state.TopicHits.GetValueOrDefault(topic) + 1;
        }
    }

    public static void ObserveClosed(ScorerState state, string? resolution)
    {
        state.Closed = true;
        state.CloseResolution = resolution;
    }

    public static void ObserveReopened(ScorerState state)
    {
        state.Closed = false;
        state.CloseResolution = null;
    }

    /// <summary>
    /// Overall = weighted mean of the judged criteria (weights renormalised over them), 0 when an auto-fail
    /// criterion scores below its threshold. Confidence = judged weight share × (0.5 + 0.5 × min(1, replies / 4)).
    /// </summary>
    public static ScoreResult Evaluate(CompiledScorecard scorecard, ScorerState state)
    {
        var results = new CriterionResult[scorecard.Criteria.Count];
        var weighted = 0.0;
        var judgedWeight = 0.0;
        var autoFailed = false;
        for (var i = 0; i < results.Length; i++)
        {
            var (definition, rule) = scorecard.Criteria[i];
            var criterionState = state.Criteria.GetValueOrDefault(definition.Id);
            var score = criterionState is null ? null : rule.Score(criterionState, state);
            var failed = definition.AutoFail && score < definition.AutoFailBelow;
            autoFailed |= failed;
            if (score is { } s)
            {
                weighted += definition.Weight * s;
                judgedWeight += definition.Weight;
            }

            results[i] = new CriterionResult(definition, score, failed) { RuleScore = score };
        }

        int? overall = judgedWeight > 0
            ? autoFailed ? 0 : (int)Math.Round(weighted / judgedWeight, MidpointRounding.AwayFromZero)
            : null;
        var coverage = scorecard.TotalWeight > 0 ? judgedWeight / scorecard.TotalWeight : 0;
        var evidence = Math.Min(1.0, state.AgentSideMessages / 4.0);
        var confidence = Math.Round(coverage * (0.5 + 0.5 * evidence), 2);
        return new ScoreResult(overall, autoFailed, confidence, results);
    }
}
