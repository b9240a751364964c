namespace CraftCX.Assessments;

/// <summary>
/// How an assessment attempt ended: a record to apply; or a failure, retried after <paramref name="RetryAt"/> when
/// set and recorded as failed when not; or a skip with its reason (for example the day's budget is spent).
/// </summary>
[GenerateSerializer, Immutable, Alias("craftcx.assessment-outcome.v1")]
public sealed record AssessmentOutcome(
    [property: Id(0)] AiAssessmentRecord? Record,
    [property: Id(1)] string? Reason,
    [property: Id(2)] DateTimeOffset? RetryAt,
    [property: Id(3)] bool Skipped)
{
    public static AssessmentOutcome Succeeded(AiAssessmentRecord record) => new(record, null, null, false);

    public static AssessmentOutcome Failed(string reason, DateTimeOffset? retryAt = null) => new(null, reason, retryAt, false);

    public static AssessmentOutcome Skip(string reason) => new(null, reason, null, true);
}
