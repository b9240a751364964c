using CraftCX.Events;
using CraftCX.Scoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CraftCX.Conversations;

/// <summary>One conversation: applies its events once and in order, stores the result in one write per batch.</summary>
public sealed partial class ConversationGrain(
    [PersistentState("conversation", StorageNames.Conversations)] IPersistentState<ConversationState> state,
    RuleScorer scorer,
    ScorecardCache scorecards,
    IOptions<ConversationOptions> options,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    private readonly ConversationProcessor _processor = new(scorer, options.Value);
    private string _tenant = string.Empty;
    private string _conversation = string.Empty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _conversation) = GrainKeys.Split(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<ApplyResult> ApplyAsync(IReadOnlyList<ChatEvent> events)
    {
        var scorecard = await scorecards.GetAsync(_tenant);
        var current = state.State;
        var existed = current.Exists;
        var wasClosed = current.Closed;
        int applied, duplicates;
        List<IndexedRejection>? rejections;
        try
        {
            (applied, duplicates, rejections) = _processor.Apply(current, _tenant, _conversation, events, scorecard);
        }
        catch
        {
            // A half-applied batch must not survive in memory: start again from the stored state.
            DeactivateOnIdle();
            throw;
        }

        if (applied > 0)
        {
            // One write per batch: the effect and the applied sequence/ids land together, or not at all.
            await this.WriteOrDeactivateAsync(state);
        }

        if (!wasClosed && current.Closed)
        {
            LogClosed(scorecard);
        }

        return new ApplyResult(
            applied,
            duplicates,
            (IReadOnlyList<IndexedRejection>?)rejections ?? [],
            ConversationProcessor.BuildUpdates(current, _tenant, _conversation, scorecard),
            Created: !existed && current.Exists);
    }

    public async Task<ConversationSnapshot?> GetSnapshotAsync(bool includeTranscript)
    {
        if (!state.State.Exists)
        {
            return null;
        }

        var scorecard = await scorecards.GetAsync(_tenant);
        return ConversationSnapshots.Create(state.State, _tenant, _conversation, scorecard, includeTranscript);
    }

    private void LogClosed(CompiledScorecard scorecard)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var score = RuleScorer.Evaluate(scorecard, state.State.Scorer);
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
}
