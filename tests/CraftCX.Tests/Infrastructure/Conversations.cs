using CraftCX.Conversations;
using CraftCX.Events;
using CraftCX.Events.Json;
using CraftCX.Scoring;

namespace CraftCX.Tests.Infrastructure;

/// <summary>Runs contract events through the parser and the conversation rules, as the grain does, without a silo.</summary>
public sealed class Conversations
{
    private readonly ChatEventParser _parser = new();
    private readonly ConversationProcessor _processor = new(RuleScorer.CreateDefault(), new ConversationOptions());
    private readonly CompiledScorecard _scorecard = CompiledScorecard.Compile(DefaultScorecard.Create());

    public CompiledScorecard Scorecard => _scorecard;

    public ChatEvent Parse(ChatEventDto dto)
    {
        var result = _parser.Parse(TestEvents.Json(dto));
        return result.Event ?? throw new InvalidOperationException($"Test event is invalid: {result.Rejection}");
    }

    internal (int Applied, int Duplicates) Apply(ConversationState state, string tenant, string conversation, params ChatEventDto[] events)
    {
        var (applied, duplicates, rejections) = _processor.Apply(state, tenant, conversation, events.Select(Parse).ToList(), _scorecard);
        Assert.Null(rejections);
        return (applied, duplicates);
    }
}
