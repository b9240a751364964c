namespace CraftCX.Assessments;

/// <summary>What a conversation's pending-assessment schedule needs from the grain that holds it.</summary>
internal interface IPendingAssessmentHost
{
    /// <summary>Registers (or keeps) the durable reminder that asks again after a crash or a stop.</summary>
    Task RegisterReminderAsync(TimeSpan period);

    Task UnregisterReminderAsync();

    /// <summary>A one-shot in-memory timer that hands the conversation to the dispatcher when it fires.</summary>
    IDisposable StartRetryTimer(TimeSpan dueIn);

    /// <summary>Hands the conversation to the per-silo dispatcher now.</summary>
    void Dispatch();
}
