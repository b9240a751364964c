namespace CraftCX.Assessments;

/// <summary>
/// A tenant's token budget per minute and per UTC day. An assessment reserves its estimate before the call and
/// settles with what the model really used afterwards, so concurrent calls cannot overspend together.
/// </summary>
internal static class TokenBudget
{
    public const string MinuteExhausted = "budget-minute";
    public const string DayExhausted = "budget-day";

    public static BudgetDecision TryReserve(TokenBudgetState state, long perMinute, long perDay, long tokens, DateTimeOffset now)
    {
        Roll(state, now);
        if (perDay > 0 && state.DayTokens + tokens > perDay)
        {
            return new BudgetDecision(false, DayExhausted, new DateTimeOffset(state.Day.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero));
        }

        // A single call larger than the whole minute budget would never fit: it may run alone in a fresh minute.
        if (perMinute > 0 && state.MinuteTokens + tokens > perMinute && state.MinuteTokens > 0)
        {
            return new BudgetDecision(false, MinuteExhausted, state.MinuteStart.AddMinutes(1));
        }

        state.MinuteTokens += tokens;
        state.DayTokens += tokens;
        return BudgetDecision.Grant;
    }

    /// <summary>Replaces a reservation by the tokens really used (or frees it when the call never happened).</summary>
    public static void Settle(TokenBudgetState state, long reserved, long used, DateTimeOffset reservedAt, DateTimeOffset now)
    {
        Roll(state, now);
        var sameMinute = Minute(reservedAt) == state.MinuteStart;
        var sameDay = DateOnly.FromDateTime(reservedAt.UtcDateTime) == state.Day;
        state.MinuteTokens = Math.Max(0, state.MinuteTokens - (sameMinute ? reserved : 0) + used);
        state.DayTokens = Math.Max(0, state.DayTokens - (sameDay ? reserved : 0) + used);
        state.TotalTokens += used;
        if (used > 0)
        {
            state.Assessments++;
        }
    }

    private static void Roll(TokenBudgetState state, DateTimeOffset now)
    {
        var minute = Minute(now);
        if (state.MinuteStart != minute)
        {
            state.MinuteStart = minute;
            state.MinuteTokens = 0;
        }

        var day = DateOnly.FromDateTime(now.UtcDateTime);
        if (state.Day != day)
        {
            state.Day = day;
            state.DayTokens = 0;
        }
    }

    private static DateTimeOffset Minute(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
    }
}
