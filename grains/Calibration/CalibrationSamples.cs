using System.Collections.Immutable;
using CraftCX.Reviews;

namespace CraftCX.Calibration;

/// <summary>Builds a conversation's calibration sample from its reviews and the machine scores it has now.</summary>
internal static class CalibrationSamples
{
    private const int RevisionBits = 20;

    /// <summary>Orders samples by review changes first, then by AI revision.</summary>
    public static long Version(long reviewChanges, int aiRevision) =>
        (reviewChanges << RevisionBits) | (long)Math.Clamp(aiRevision, 0, (1 << RevisionBits) - 1);

    public static CalibrationSample Create(string conversation, ReviewContext context, IReadOnlyList<ConversationReview> reviews, DateTimeOffset now, long version)
    {
        // Reviews are in arrival order; a reviewer who reviewed again changed their mind: only the latest counts.
        var latest = reviews
            .Where(r => r.CountsInCalibration)
            .GroupBy(r => r.ReviewerId, StringComparer.Ordinal)
            .Select(g => g.Last())
            .OrderBy(r => r.ReviewerId, StringComparer.Ordinal)
            .Select(r => new CalibrationReview(r.ReviewerId, [.. r.Scores.Select(s => new ScoredCriterion(s.CriterionId, s.Score))]))
            .ToImmutableArray();
        return new CalibrationSample(
            conversation,
            context.AiScores,
            context.RuleScores,
            latest,
            reviews.Count(r => r.Dispute?.Status == DisputeStatus.Open),
            reviews.Count(r => r.Dispute?.Status == DisputeStatus.Accepted),
            now,
            version);
    }
}
