namespace CraftCX.ScoreChanges;

/// <summary>Used where no log is configured (unit tests of grains without Kafka).</summary>
public sealed class NoScoreChangeLog : IScoreChangeLog
{
    public Task AppendAsync(IReadOnlyList<ConversationScoreChange> changes) => Task.CompletedTask;
}
