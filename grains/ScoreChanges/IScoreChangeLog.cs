using CraftCX.ScoreChanges;

namespace CraftCX.ScoreChanges;

/// <summary>The durable, ordered log of score changes that BI tools read (a Kafka topic in the silo).</summary>
public interface IScoreChangeLog
{
    /// <summary>Completes when the changes are durably appended.</summary>
    Task AppendAsync(IReadOnlyList<ConversationScoreChange> changes);
}
