namespace CraftCX.Assessments;

/// <summary>
/// How an assessment attempt ended: a record to apply; a wait (retry at <paramref name="RetryAt"/>, the
/// assessment stays pending); or an end without scores, <paramref name="Skipped"/> (for example the day's budget is
/// spent) or failed (the model's answers were invalid twice). The reason is shown to users either way.
/// </summary>
[GenerateSerializer, Immutable, Alias("craftcx.assessment-outcome.v1")]
public sealed record AssessmentOutcome(
    [property: Id(0)] AiAssessmentRecord? Record,
    [property: Id(1)] string? Reason,
    [property: Id(2)] DateTimeOffset? RetryAt,
    [property: Id(3)] bool Skipped)
{
    public static AssessmentOutcome Succeeded(AiAssessmentRecord record) => new(record, null, null, false);

    public static AssessmentOutcome Wait(string reason, DateTimeOffset retryAt) => new(null, reason, retryAt, false);

    public static AssessmentOutcome Failed(string reason) => new(null, reason, null, false);

    public static AssessmentOutcome Skip(string reason) => new(null, reason, null, true);
}
