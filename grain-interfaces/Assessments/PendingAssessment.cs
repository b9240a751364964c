namespace CraftCX.Assessments;

/// <summary>An assessment asked for and not done yet: kept in the conversation's state so that none is lost.</summary>
/// <param name="NotBefore">Set while waiting out a budget or an outage.</param>
/// <param name="Reason">Why it is still waiting, shown to users (budget-minute, circuit-open, ...).</param>
[GenerateSerializer, Immutable, Alias("craftcx.pending-assessment.v1")]
public sealed record PendingAssessment(
    [property: Id(0)] string Trigger,
    [property: Id(1)] DateTimeOffset RequestedAt,
    [property: Id(2)] int Attempts,
    [property: Id(3)] DateTimeOffset? NotBefore,
    [property: Id(4)] string? Reason);
