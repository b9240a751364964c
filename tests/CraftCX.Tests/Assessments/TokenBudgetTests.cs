using CraftCX.Assessments;

namespace CraftCX.Tests.Assessments;

[Trait("Category", "Unit")]
public sealed class TokenBudgetTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 29, 12, 0, 10, TimeSpan.Zero);

    [Fact]
    public void Reservations_stop_at_the_minute_budget_until_the_next_minute()
    {
        var state = new TokenBudgetState();
        Assert.True(TokenBudget.TryReserve(state, perMinute: 1000, perDay: 100_000, 600, Noon).Granted);
        var refused = TokenBudget.TryReserve(state, 1000, 100_000, 600, Noon.AddSeconds(5));
        Assert.Equal(new BudgetDecision(false, TokenBudget.MinuteExhausted, new DateTimeOffset(2026, 11, 29, 12, 1, 0, TimeSpan.Zero)), refused);
        Assert.False(TokenBudget.TryReserve(state, 1000, 100_000, 600, Noon.AddSeconds(45)).Granted);
        Assert.True(TokenBudget.TryReserve(state, 1000, 100_000, 600, Noon.AddSeconds(50)).Granted);
    }

    [Fact]
    public void The_day_budget_refuses_until_utc_midnight()
    {
        var state = new TokenBudgetState();
        Assert.True(TokenBudget.TryReserve(state, 0, 1000, 900, Noon).Granted);
        var refused = TokenBudget.TryReserve(state, 0, 1000, 200, Noon.AddHours(3));
        Assert.Equal(TokenBudget.DayExhausted, refused.Reason);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), refused.RetryAt);
        Assert.True(TokenBudget.TryReserve(state, 0, 1000, 200, refused.RetryAt!.Value).Granted);
    }

    [Fact]
    public void Settling_replaces_the_estimate_by_the_real_usage()
    {
        var state = new TokenBudgetState();
        TokenBudget.TryReserve(state, 1000, 10_000, 800, Noon);
        TokenBudget.Settle(state, reserved: 800, used: 300, Noon, Noon.AddSeconds(2));
        Assert.Equal(300, state.MinuteTokens);
        Assert.Equal(300, state.DayTokens);
        Assert.Equal(300, state.TotalTokens);
        Assert.Equal(1, state.Assessments);
        Assert.True(TokenBudget.TryReserve(state, 1000, 10_000, 700, Noon.AddSeconds(3)).Granted);

        // A call that never happened frees its reservation and counts no assessment.
        TokenBudget.Settle(state, reserved: 700, used: 0, Noon.AddSeconds(3), Noon.AddSeconds(4));
        Assert.Equal(300, state.MinuteTokens);
        Assert.Equal(1, state.Assessments);
    }

    [Fact]
    public void One_call_larger_than_the_minute_budget_may_still_run_alone()
    {
        var state = new TokenBudgetState();
        Assert.True(TokenBudget.TryReserve(state, 500, 0, 2000, Noon).Granted);
        Assert.False(TokenBudget.TryReserve(state, 500, 0, 10, Noon).Granted);
    }
}
