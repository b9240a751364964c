using CraftCX.Events;
using CraftCX.Silo.Demo;

namespace CraftCX.Tests.Demo;

[Trait("Category", "Unit")]
public sealed class DemoBackfillPlanTests
{
    // The cycle's best and worst weeks measured 88.1 and 77.8 (12 conversations a day); half of that gap is required.
    private const double GapPoints = 5;

    private static readonly DemoOptions Options = new() { BackfillDays = 60, BackfillConversationsPerDay = 12 };

    private static DemoBackfillPlan Plan() => new(
        Options,
        AbcdDataset.Load(TestWorkload.AbcdPath),
        SgdDataset.Load(Path.Combine(AppContext.BaseDirectory, "Demo", "Data", "sgd", "sgd_support_sample.json")));

    [Fact]
    public void Sixty_days_end_yesterday_and_each_holds_valid_conversations_within_its_working_hours()
    {
        var now = new DateTimeOffset(2026, 12, 2, 0, 30, 0, TimeSpan.Zero);
        var days = Plan().Days(now).ToList();
        Assert.Equal(60, days.Count);
        Assert.Equal(new DateOnly(2026, 12, 1), days[^1]);
        Assert.Equal(new DateOnly(2026, 10, 3), days[0]);

        var parser = new ChatEventParser();
        var day = Plan().EventsOf(days[^1]);
        Assert.Equal(12, day.Select(e => e.Conversation).Distinct().Count());
        Assert.All(day, e => Assert.True(parser.Parse(TestEvents.Json(e)).IsValid));
        Assert.All(day, e => Assert.InRange(e.OccurredAt!.Value, new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)));
        Assert.Contains(day, e => e.Data?.Author?.Role == "bot");
        Assert.Contains(day, e => e.Data?.Author?.Role == "agent");
        Assert.All(day.GroupBy(e => e.Conversation), g => Assert.Equal("conversation.started", g.First().Type));
    }

    [Fact]
    public void The_same_day_is_the_same_conversations_every_time_so_a_second_start_imports_only_duplicates()
    {
        var day = new DateOnly(2026, 11, 20);
        var first = Plan().EventsOf(day);
        var again = Plan().EventsOf(day);
        Assert.Equal(
            first.Select(e => (e.Id, e.Conversation, e.Sequence, e.OccurredAt)),
            again.Select(e => (e.Id, e.Conversation, e.Sequence, e.OccurredAt)));
        Assert.All(first, e => Assert.StartsWith("bf20261120-", e.Conversation, StringComparison.Ordinal));
    }

    [Fact]
    public void The_backfilled_scores_slide_and_recover_over_the_cycle_so_the_trend_has_a_story()
    {
        // The twelve-week cycle's best and worst weeks around late 2026, scored by the product's own rules.
        var best = Enumerable.Range(0, 84).Select(i => new DateOnly(2026, 9, 1).AddDays(i)).First(d => d.DayNumber % 84 == 0);
        var worst = best.AddDays(42);
        Assert.Equal(DemoConduct.Steady, DemoConduct.On(best));
        Assert.True(DemoConduct.On(worst).Slow > 3 * DemoConduct.Steady.Slow);

        double MeanOverall(DateOnly middle) => GroundTruth.From(Enumerable.Range(-3, 7).SelectMany(d => Plan().EventsOf(middle.AddDays(d))))
            .Contributions.Average(c => c.Overall);
        var (bestMean, worstMean) = (MeanOverall(best), MeanOverall(worst));
        Assert.True(bestMean - worstMean >= GapPoints, $"best week {bestMean:F1}, worst week {worstMean:F1}: less than {GapPoints} points apart");

        // A day's conduct moves a little from one day to the next: a slope, not a step.
        Assert.All(Enumerable.Range(0, 84), i => Assert.InRange(DemoConduct.On(best.AddDays(i + 1)).Slow - DemoConduct.On(best.AddDays(i)).Slow, -0.03, 0.03));
    }
}
