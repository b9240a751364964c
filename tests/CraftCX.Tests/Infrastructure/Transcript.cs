using CraftCX.Events;
using CraftCX.Scoring;

namespace CraftCX.Tests.Infrastructure;

/// <summary>Writes a hand-made conversation through the real scorer and reads its scores back.</summary>
public sealed class Transcript
{
    private static readonly RuleScorer Scorer = RuleScorer.CreateDefault();
    private readonly CompiledScorecard _scorecard;
    private DateTimeOffset _clock = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private int _messages;

    public Transcript(Scorecard? scorecard = null)
    {
        _scorecard = CompiledScorecard.Compile(scorecard ?? DefaultScorecard.Create());
    }

    public ScorerState State { get; } = new();

    public string LastMessageId => $"m{_messages}";

    public Transcript Customer(string text, double afterSeconds = 5) => Say(AuthorRole.Customer, text, afterSeconds);

    public Transcript Agent(string text, double afterSeconds = 5) => Say(AuthorRole.Agent, text, afterSeconds);

    public Transcript Bot(string text, double afterSeconds = 1) => Say(AuthorRole.Bot, text, afterSeconds);

    public Transcript Note(string text) => Say(AuthorRole.Agent, text, 1, isInternal: true);

    /// <summary>The channel the conversation's events name (it picks the response-time targets).</summary>
    public Transcript On(string channel)
    {
        State.Channel = channel;
        return this;
    }

    public Transcript Close(string? resolution)
    {
        RuleScorer.ObserveClosed(State, resolution);
        return this;
    }

    public ScoreResult Score() => RuleScorer.Evaluate(_scorecard, State);

    public int? ScoreOf(string criterionId) => Score().Criteria.Single(c => c.Definition.Id == criterionId).Score;

    public IReadOnlyList<string> EvidenceOf(string criterionId) => State.Criteria.TryGetValue(criterionId, out var s) ? s.Evidence : [];

    private Transcript Say(AuthorRole role, string text, double afterSeconds, bool isInternal = false)
    {
        _clock = _clock.AddSeconds(afterSeconds);
        _messages++;
        Scorer.ObserveMessage(_scorecard, State, $"m{_messages}", role, isInternal, text, _clock);
        return this;
    }
}
