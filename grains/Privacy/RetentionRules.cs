using CraftCX.Aggregation.History;

namespace CraftCX.Privacy;

/// <summary>What a retention policy allows and what it asks of one closed conversation at a given moment.</summary>
internal static class RetentionRules
{
    /// <summary>Throws <see cref="ArgumentException"/> with a message for the caller when the policy cannot be applied.</summary>
    public static void EnsureValid(RetentionPolicy policy)
    {
        if (policy.TranscriptDays is < 0 or > RetentionPolicy.MaxDays)
        {
            throw new ArgumentException($"transcriptDays must be from 0 to {RetentionPolicy.MaxDays}, or null to keep transcripts for the life of the relationship.", nameof(policy));
        }

        if (policy.DerivedDays is < 0 or > RetentionPolicy.MaxDays)
        {
            throw new ArgumentException($"derivedDays must be from 0 to {RetentionPolicy.MaxDays}, or null to keep derived data for the life of the relationship.", nameof(policy));
        }

        // Deleting the derived data deletes the conversation, transcript included.
        if (policy.DerivedDays is { } derived && (policy.TranscriptDays is not { } transcript || transcript > derived))
        {
            throw new ArgumentException("derivedDays deletes the whole conversation, so transcriptDays must be set and not longer than derivedDays.", nameof(policy));
        }

        if (policy.TechnicalDays is < 1 or > 365)
        {
            throw new ArgumentException("technicalDays must be from 1 to 365.", nameof(policy));
        }

        if (policy.HistoryMonths is < 1 or > HistoryRetention.MaxMonths)
        {
            throw new ArgumentException($"historyMonths must be from 1 to {HistoryRetention.MaxMonths}, or null for {HistoryRetention.DefaultMonths}.", nameof(policy));
        }

        if (policy.AuditDays is < 30 or > RetentionPolicy.MaxDays)
        {
            throw new ArgumentException($"auditDays must be from 30 to {RetentionPolicy.MaxDays}.", nameof(policy));
        }

        if (policy.WindDownDays is < 0 or > RetentionPolicy.MaxWindDownDays)
        {
            throw new ArgumentException($"windDownDays must be from 0 to {RetentionPolicy.MaxWindDownDays}.", nameof(policy));
        }
    }

    /// <summary>What is due for a conversation closed at <paramref name="closedAt"/> (null: still open) by <paramref name="now"/>.</summary>
    public static RetentionDue Due(RetentionPolicy policy, DateTimeOffset? closedAt, DateTimeOffset now, TimeSpan replayWindow)
    {
        if (closedAt is not { } closed)
        {
            return RetentionDue.Nothing;
        }

        if (policy.DerivedDays is { } derived && now >= closed.AddDays(derived))
        {
            return now >= closed.AddDays(derived) + replayWindow ? RetentionDue.Forget : RetentionDue.Delete;
        }

        return policy.TranscriptDays is { } transcript && now >= closed.AddDays(transcript)
            ? RetentionDue.PurgePersonalData
            : RetentionDue.Nothing;
    }

    /// <summary>The first moment anything of a conversation closed then becomes due; null when nothing ever does.</summary>
    public static DateTimeOffset? NextDueAt(RetentionPolicy policy, DateTimeOffset closedAt) =>
        policy.TranscriptDays is { } transcript ? closedAt.AddDays(transcript)
        : policy.DerivedDays is { } derived ? closedAt.AddDays(derived)
        : null;
}
