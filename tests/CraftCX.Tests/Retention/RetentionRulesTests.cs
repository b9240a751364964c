using CraftCX.Privacy;

namespace CraftCX.Tests.Retention;

/// <summary>Which retention policies are accepted, and what each asks of a closed conversation at a given moment.</summary>
[Trait("Category", "Unit")]
public sealed class RetentionRulesTests
{
    private static readonly DateTimeOffset ClosedAt = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);

    [Theory]
    [InlineData(null, null, 14)]
    [InlineData(30, null, 14)]
    [InlineData(30, 365, 30)]
    [InlineData(0, 0, 1)]
    [InlineData(3650, 3650, 365)]
    public void Policies_that_can_be_applied_are_accepted(int? transcript, int? derived, int technical) =>
        RetentionRules.EnsureValid(new RetentionPolicy(transcript, derived, technical));

    [Theory]
    [InlineData(-1, null, 14, "transcriptDays")]
    [InlineData(3651, null, 14, "transcriptDays")]
    [InlineData(null, -5, 14, "derivedDays")]
    [InlineData(null, 30, 14, "transcriptDays must be set")]
    [InlineData(60, 30, 14, "not longer than derivedDays")]
    [InlineData(30, null, 0, "technicalDays")]
    [InlineData(30, null, 366, "technicalDays")]
    public void Policies_that_cannot_be_applied_are_refused_with_the_reason(int? transcript, int? derived, int technical, string reason)
    {
        var refused = Assert.Throws<ArgumentException>(() => RetentionRules.EnsureValid(new RetentionPolicy(transcript, derived, technical)));
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(120, true)]
    [InlineData(121, false)]
    public void The_history_period_is_from_one_to_120_months_and_defaults_to_25(int months, bool accepted)
    {
        var policy = new RetentionPolicy(HistoryMonths: months);
        if (accepted)
        {
            RetentionRules.EnsureValid(policy);
            Assert.Equal(months, policy.HistoryPeriodMonths);
        }
        else
        {
            Assert.Contains("historyMonths must be from 1 to 120", Assert.Throws<ArgumentException>(() => RetentionRules.EnsureValid(policy)).Message, StringComparison.Ordinal);
        }

        Assert.Equal(25, new RetentionPolicy().HistoryPeriodMonths);
    }

    [Fact]
    public void An_open_conversation_or_a_policy_without_periods_keeps_everything()
    {
        var years = ClosedAt.AddYears(20);
        Assert.Equal(RetentionDue.Nothing, RetentionRules.Due(new RetentionPolicy(0, 0), closedAt: null, years, Window));
        Assert.Equal(RetentionDue.Nothing, RetentionRules.Due(new RetentionPolicy(), ClosedAt, years, Window));
        Assert.Null(RetentionRules.NextDueAt(new RetentionPolicy(), ClosedAt));
    }

    [Fact]
    public void Personal_data_goes_at_its_horizon_and_the_conversation_at_the_derived_one()
    {
        var policy = new RetentionPolicy(TranscriptDays: 30, DerivedDays: 365);
        Assert.Equal(RetentionDue.Nothing, RetentionRules.Due(policy, ClosedAt, ClosedAt.AddDays(30).AddTicks(-1), Window));
        Assert.Equal(RetentionDue.PurgePersonalData, RetentionRules.Due(policy, ClosedAt, ClosedAt.AddDays(30), Window));
        Assert.Equal(RetentionDue.PurgePersonalData, RetentionRules.Due(policy, ClosedAt, ClosedAt.AddDays(365).AddTicks(-1), Window));
        Assert.Equal(RetentionDue.Delete, RetentionRules.Due(policy, ClosedAt, ClosedAt.AddDays(365), Window));
        Assert.Equal(RetentionDue.Delete, RetentionRules.Due(policy, ClosedAt, ClosedAt.AddDays(372).AddTicks(-1), Window));
        Assert.Equal(RetentionDue.Forget, RetentionRules.Due(policy, ClosedAt, ClosedAt.AddDays(372), Window));
        Assert.Equal(RetentionDue.Forget, RetentionRules.Due(policy, ClosedAt, ClosedAt.AddDays(365), TimeSpan.Zero));
        Assert.Equal(ClosedAt.AddDays(30), RetentionRules.NextDueAt(policy, ClosedAt));
    }
}
