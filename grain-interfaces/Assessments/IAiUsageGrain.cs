namespace CraftCX.Assessments;

/// <summary>A tenant's AI token budget and usage; key tenant.</summary>
[Alias("craftcx.IAiUsageGrain")]
public interface IAiUsageGrain : IGrainWithStringKey
{
    Task<BudgetDecision> ReserveAsync(long tokens, long perMinute, long perDay);

    /// <summary>Replaces a reservation made at <paramref name="reservedAt"/> by the tokens really used (0 when the call failed).</summary>
    Task SettleAsync(long reserved, long used, DateTimeOffset reservedAt);

    [ReadOnly]
    Task<AiUsageView> GetUsageAsync();
}
