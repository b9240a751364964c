namespace CraftCX.Assessments;

/// <summary>Tokens a tenant has used (or reserved) in the current minute and the current UTC day.</summary>
[GenerateSerializer, Alias("craftcx.token-budget-state.v1")]
public sealed class TokenBudgetState
{
    [Id(0)]
    public DateTimeOffset MinuteStart { get; set; }

    [Id(1)]
    public long MinuteTokens { get; set; }

    [Id(2)]
    public DateOnly Day { get; set; }

    [Id(3)]
    public long DayTokens { get; set; }

    /// <summary>Tokens used over the tenant's whole life, for the usage report.</summary>
    [Id(4)]
    public long TotalTokens { get; set; }

    [Id(5)]
    public long Assessments { get; set; }
}
