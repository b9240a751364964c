namespace CraftCX.Assessments;

/// <summary>Whether an assessment may spend its tokens now; when not, why and when to try again.</summary>
/// <param name="Reason">budget-minute or budget-day when refused.</param>
[GenerateSerializer, Immutable, Alias("craftcx.budget-decision.v1")]
public sealed record BudgetDecision(
    [property: Id(0)] bool Granted,
    [property: Id(1)] string? Reason,
    [property: Id(2)] DateTimeOffset? RetryAt)
{
    public static BudgetDecision Grant { get; } = new(true, null, null);
}
