namespace CraftCX.Assessments;

/// <summary>One tenant's AI token budget and usage, cluster-wide: every silo's assessments reserve here.</summary>
internal sealed class AiUsageGrain(
    [PersistentState("ai-usage", StorageNames.Tenants)] IPersistentState<TokenBudgetState> state,
    TimeProvider time) : Grain, IAiUsageGrain
{
    public async Task<BudgetDecision> ReserveAsync(long tokens, long perMinute, long perDay)
    {
        var decision = TokenBudget.TryReserve(state.State, perMinute, perDay, tokens, time.GetUtcNow());
        if (decision.Granted)
        {
            await this.WriteOrDeactivateAsync(state);
        }

        return decision;
    }

    public async Task SettleAsync(long reserved, long used, DateTimeOffset reservedAt)
    {
        TokenBudget.Settle(state.State, reserved, used, reservedAt, time.GetUtcNow());
        await this.WriteOrDeactivateAsync(state);
    }

    public Task<AiUsageView> GetUsageAsync()
    {
        var now = time.GetUtcNow();
        var s = state.State;
        var thisMinute = s.MinuteStart.AddMinutes(1) > now ? s.MinuteTokens : 0;
        var today = s.Day == DateOnly.FromDateTime(now.UtcDateTime) ? s.DayTokens : 0;
        return Task.FromResult(new AiUsageView(thisMinute, today, s.TotalTokens, s.Assessments));
    }
}
