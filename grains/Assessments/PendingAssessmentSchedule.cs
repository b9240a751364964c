using CraftCX.Conversations;

namespace CraftCX.Assessments;

/// <summary>
/// The life of one conversation's pending AI request in its activation: the durable reminder, the attempt lease,
/// the retry timer and the dispatch. The grain holds one and tells it what happened; the stored request itself
/// lives in <see cref="ConversationAiState"/>.
/// </summary>
internal sealed class PendingAssessmentSchedule(AiOptions options, TimeProvider time, IPendingAssessmentHost host)
{
    // A retry timer may fire a moment before the time it was set for.
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(250);

    private DateTimeOffset _leaseUntil;
    private IDisposable? _retry;

    /// <summary>True once this activation has registered the reminder of the stored request.</summary>
    public bool ReminderSet { get; private set; }

    /// <summary>
    /// A stored request needs its reminder before the batch is done: a new one, or one this activation has not
    /// registered yet (stored before a crash, or its registration failed and the batch is being retried).
    /// </summary>
    public bool NeedsReminder(ConversationAiState ai, bool requested) =>
        options.Enabled && ai.Pending is not null && (requested || !ReminderSet);

    public async Task RegisterReminderAsync()
    {
        ReminderSet = false;
        await host.RegisterReminderAsync(options.ReminderPeriod);
        ReminderSet = true;
    }

    /// <summary>Takes the one-attempt-at-a-time lease when the request is due; null when there is nothing to run now.</summary>
    public PendingAssessment? TryLease(ConversationAiState ai)
    {
        var now = time.GetUtcNow();
        if (!options.Enabled || ai.Pending is not { } pending || pending.NotBefore > now + TimerSlack || _leaseUntil > now)
        {
            return null;
        }

        // Long enough for the client's own retries; a reminder or a second dispatch meanwhile finds it taken.
        _leaseUntil = now + options.CallTimeout * 2 + TimeSpan.FromSeconds(30);
        return pending;
    }

    public void ReleaseLease() => _leaseUntil = default;

    /// <summary>Runs the stored request now, later (timer) or not at all, and drops the reminder once nothing is left.</summary>
    public async Task ScheduleAsync(ConversationAiState ai)
    {
        _retry?.Dispose();
        _retry = null;
        if (ai.Pending is not { } pending)
        {
            // Unpublished scores keep the reminder: it publishes them again.
            if (!ai.ScoresUnpublished)
            {
                await host.UnregisterReminderAsync();
                ReminderSet = false;
            }

            return;
        }

        // With the assessor switched off, a stored request keeps its reminder, so it runs once it is back on.
        if (!options.Enabled)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (pending.NotBefore is { } notBefore && notBefore > now)
        {
            _retry = host.StartRetryTimer(notBefore - now);
            return;
        }

        host.Dispatch();
    }
}
